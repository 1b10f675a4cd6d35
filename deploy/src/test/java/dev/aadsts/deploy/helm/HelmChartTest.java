package dev.aadsts.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelmChartTest {
    /** Variables that carry a credential: they may only ever come from a Secret. */
    private static final Set<String> CREDENTIALS = Set.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN",
            "SLACK_CLIENT_SECRET", "SLACK_STATE_KEY", "MicrosoftAppPassword", "ALERTS_TOKEN", "ALERTS_SIGNING_SECRET", "DATABASE_URL");
    /** Every secret value used in the test values files. */
    private static final List<String> TEST_SECRETS = List.of("not-a-real-password", "test-teams-password",
            "test-alerts-token", "xoxb-test-bot-token", "xapp-test-app-token", "test-signing-secret",
            "xoxb-should-not-render");

    @Test
    void chartPassesStrictLint() {
        var result = new Helm(RenderedChart.CHART).lint().strict().call();
        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "postgres-3-replicas.yaml", "socket-mode.yaml", "ingress.yaml", "existing-secret.yaml"})
    void everyRenderingProbesTheServersEndpointsOnItsPort(String values) {
        RenderedChart chart = RenderedChart.render(values.isEmpty() ? null : values);
        Container bot = onlyContainer(chart.deployment());
        Map<String, EnvVar> env = env(bot);

        int port = Integer.parseInt(env.get("PORT").getValue());
        assertEquals(3978, port);
        assertEquals("0.0.0.0", env.get("BIND_ADDRESS").getValue(), "reachable from the Service");
        assertEquals(port, containerPort(bot, "http").getContainerPort());
        assertEquals("/livez", bot.getLivenessProbe().getHttpGet().getPath());
        assertEquals("http", bot.getLivenessProbe().getHttpGet().getPort().getStrVal());
        assertEquals("/readyz", bot.getReadinessProbe().getHttpGet().getPath());
        assertEquals("http", bot.getReadinessProbe().getHttpGet().getPort().getStrVal());
        assertEquals("/livez", bot.getStartupProbe().getHttpGet().getPath());

        assertEquals("9464", env.get("MANAGEMENT_PORT").getValue());
        assertEquals("0.0.0.0", env.get("MANAGEMENT_BIND_ADDRESS").getValue(), "Prometheus scrapes from another pod");
        assertEquals(9464, containerPort(bot, "metrics").getContainerPort());
        Service service = chart.one(Service.class).orElseThrow();
        assertTrue(service.getSpec().getPorts().stream()
                .anyMatch(p -> p.getPort() == 9464 && "metrics".equals(p.getTargetPort().getStrVal())));
        assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> "http".equals(p.getTargetPort().getStrVal())));
        assertEquals("/data", env.get("DATA_DIR").getValue());
        assertNotNull(bot.getResources().getLimits().get("memory"), "the JVM sizes its heap from the limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "postgres-3-replicas.yaml", "socket-mode.yaml", "ingress.yaml", "existing-secret.yaml"})
    void credentialsReachThePodOnlyThroughSecretKeyRefs(String values) {
        RenderedChart chart = RenderedChart.render(values.isEmpty() ? null : values);
        Deployment deployment = chart.deployment();
        for (EnvVar var : onlyContainer(deployment).getEnv()) {
            if (CREDENTIALS.contains(var.getName())) {
                assertNull(var.getValue(), var.getName() + " inline");
                assertNotNull(var.getValueFrom().getSecretKeyRef(), var.getName() + " not from a Secret");
                assertEquals(var.getName(), var.getValueFrom().getSecretKeyRef().getKey());
            }
        }
        String deploymentYaml = RenderedChart.yamlOf(deployment);
        for (String secret : TEST_SECRETS) {
            assertFalse(deploymentYaml.contains(secret), "a secret value in the Deployment: " + secret);
        }
        assertFalse(chart.yaml.contains("xoxb-should-not-render"), "existingSecret must win over inline values");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "postgres-3-replicas.yaml", "socket-mode.yaml", "ingress.yaml", "existing-secret.yaml"})
    void podRunsRestricted(String values) {
        PodSpec pod = RenderedChart.render(values.isEmpty() ? null : values).deployment().getSpec().getTemplate().getSpec();
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
        Container bot = pod.getContainers().get(0);
        var security = bot.getSecurityContext();
        assertEquals(Boolean.TRUE, security.getRunAsNonRoot());
        assertTrue(security.getRunAsUser() > 0);
        assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
        assertTrue(security.getCapabilities().getAdd() == null || security.getCapabilities().getAdd().isEmpty());
        assertEquals("RuntimeDefault", security.getSeccompProfile().getType());
        // A read-only root needs somewhere to write: /tmp (JVM, Jetty) and /data (the embedded store).
        Map<String, String> mounts = bot.getVolumeMounts().stream()
                .collect(Collectors.toMap(m -> m.getMountPath(), m -> m.getName()));
        Set<String> volumes = pod.getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
        for (String path : List.of("/tmp", "/data")) {
            assertTrue(mounts.containsKey(path), path + " not mounted");
            assertTrue(volumes.contains(mounts.get(path)));
            assertTrue(bot.getVolumeMounts().stream().filter(m -> path.equals(m.getMountPath()))
                    .noneMatch(m -> Boolean.TRUE.equals(m.getReadOnly())), path + " read-only");
        }
    }

    @Test
    void defaultsRunOneReplicaOnTheEmbeddedStoreWithAPersistentVolume() {
        RenderedChart chart = RenderedChart.render(null);
        Deployment deployment = chart.deployment();
        assertEquals(1, deployment.getSpec().getReplicas());
        assertEquals("Recreate", deployment.getSpec().getStrategy().getType(), "two pods must never share the H2 file");
        assertFalse(env(onlyContainer(deployment)).containsKey("DATABASE_URL"));
        PersistentVolumeClaim claim = chart.one(PersistentVolumeClaim.class).orElseThrow();
        Volume data = volume(deployment, "data");
        assertEquals(claim.getMetadata().getName(), data.getPersistentVolumeClaim().getClaimName());
        assertTrue(chart.one(HorizontalPodAutoscaler.class).isEmpty());
        assertTrue(chart.one(Ingress.class).isEmpty());
        assertTrue(chart.one(PodDisruptionBudget.class).isPresent());
    }

    @Test
    void postgresWithThreeReplicasRollsAndTakesTheUrlFromTheSecret() {
        RenderedChart chart = RenderedChart.render("postgres-3-replicas.yaml");
        Deployment deployment = chart.deployment();
        assertEquals(3, deployment.getSpec().getReplicas());
        assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType());
        assertNotNull(volume(deployment, "data").getEmptyDir(), "no volume claim needed with PostgreSQL");
        assertTrue(chart.one(PersistentVolumeClaim.class).isEmpty());

        Secret secret = chart.one(Secret.class).orElseThrow();
        Map<String, EnvVar> env = env(onlyContainer(deployment));
        assertEquals(secret.getMetadata().getName(), env.get("DATABASE_URL").getValueFrom().getSecretKeyRef().getName());
        assertEquals("postgres://bot:not-a-real-password@db.internal:5432/aadsts", decode(secret, "DATABASE_URL"));
        assertEquals("test-teams-password", decode(secret, "MicrosoftAppPassword"));
        assertFalse(secret.getData().containsKey("SLACK_BOT_TOKEN"), "unset credentials stay out of the Secret");
        assertEquals("SingleTenant", env.get("MicrosoftAppType").getValue());

        ConfigMap routes = chart.one(ConfigMap.class).orElseThrow();
        assertTrue(routes.getData().get("routes.yaml").contains("C0123456789"));
        assertEquals("/etc/aadsts-bot/routes.yaml", env.get("ALERTS_ROUTES").getValue());
        assertEquals(routes.getMetadata().getName(), volume(deployment, "routes").getConfigMap().getName());
    }

    @Test
    void socketModeWithTwoReplicasAndAServiceMonitor() {
        RenderedChart chart = RenderedChart.render("socket-mode.yaml");
        assertEquals(2, chart.deployment().getSpec().getReplicas());
        Map<String, EnvVar> env = env(onlyContainer(chart.deployment()));
        assertNotNull(env.get("SLACK_APP_TOKEN").getValueFrom().getSecretKeyRef());
        assertFalse(env.containsKey("SLACK_SIGNING_SECRET"));

        GenericKubernetesResource monitor = (GenericKubernetesResource) chart.kind("ServiceMonitor").orElseThrow();
        assertEquals("monitoring.coreos.com/v1", monitor.getApiVersion());
        assertEquals("prometheus", monitor.getMetadata().getLabels().get("release"));
        Map<String, Object> spec = map(monitor.getAdditionalProperties().get("spec"));
        Map<String, Object> endpoint = map(((List<?>) spec.get("endpoints")).get(0));
        assertEquals("metrics", endpoint.get("port"));
        assertEquals("/metrics", endpoint.get("path"));
    }

    @Test
    void ingressRoutesTheHostToTheHttpPortWithTls() {
        RenderedChart chart = RenderedChart.render("ingress.yaml");
        Ingress ingress = chart.one(Ingress.class).orElseThrow();
        var rule = ingress.getSpec().getRules().get(0);
        assertEquals("bot.contoso.example", rule.getHost());
        var backend = rule.getHttp().getPaths().get(0).getBackend().getService();
        assertEquals(chart.one(Service.class).orElseThrow().getMetadata().getName(), backend.getName());
        assertEquals("http", backend.getPort().getName());
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        assertEquals("bot-contoso-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals("Recreate", chart.deployment().getSpec().getStrategy().getType());
    }

    @Test
    void existingSecretReplacesTheChartsSecretAndAllowsAnAutoscaler() {
        RenderedChart chart = RenderedChart.render("existing-secret.yaml");
        assertTrue(chart.one(Secret.class).isEmpty());
        Map<String, EnvVar> env = env(onlyContainer(chart.deployment()));
        for (String name : CREDENTIALS) {
            var ref = env.get(name).getValueFrom().getSecretKeyRef();
            assertEquals("aadsts-bot-credentials", ref.getName());
            assertEquals(Boolean.TRUE, ref.getOptional(), "the managed Secret need not carry every key");
        }
        HorizontalPodAutoscaler hpa = chart.one(HorizontalPodAutoscaler.class).orElseThrow();
        assertEquals(2, hpa.getSpec().getMinReplicas());
        assertEquals(chart.deployment().getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertNull(chart.deployment().getSpec().getReplicas(), "the autoscaler owns the replica count");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded-3-replicas.yaml", "embedded-autoscaling.yaml"})
    void severalReplicasOnTheEmbeddedStoreRefuseToRender(String values) {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> RenderedChart.render(values));
        assertTrue(refused.getMessage().contains("needs PostgreSQL"), refused.getMessage());
        assertTrue(refused.getMessage().contains("one process"), refused.getMessage());
    }

    private static Container onlyContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, v -> v));
    }

    private static ContainerPort containerPort(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + name));
    }

    private static Volume volume(Deployment deployment, String name) {
        return deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> name.equals(v.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
