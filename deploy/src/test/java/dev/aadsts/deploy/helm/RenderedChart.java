package dev.aadsts.deploy.helm;

import com.marcnuri.helm.Helm;
import dev.aadsts.deploy.Paths;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The chart rendered by the real Helm (helm-java bundles it) and parsed into Kubernetes model objects. */
final class RenderedChart {
    static final Path CHART = Paths.deployDir().resolve("helm/aadsts-bot");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final String yaml;
    final List<HasMetadata> objects;

    private RenderedChart(String yaml, List<HasMetadata> objects) {
        this.yaml = yaml;
        this.objects = objects;
    }

    /** @param valuesFile a file under src/test/resources/helm, or null for the chart's defaults */
    static RenderedChart render(String valuesFile) {
        var template = new Helm(CHART).template().withName("bot").withNamespace("aadsts").withKubeVersion("1.30.0");
        if (valuesFile != null) {
            template = template.withValuesFile(Paths.deployDir().resolve("src/test/resources/helm").resolve(valuesFile));
        }
        String yaml = template.call();
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(line -> line.startsWith("kind:"))) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return new RenderedChart(yaml, objects);
    }

    static String yamlOf(HasMetadata object) {
        return SERIALIZATION.asYaml(object);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() > 1) {
            throw new AssertionError("more than one " + type.getSimpleName());
        }
        return found.stream().findFirst();
    }

    Deployment deployment() {
        return one(Deployment.class).orElseThrow(() -> new AssertionError("no Deployment rendered"));
    }

    Optional<HasMetadata> kind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind())).findFirst();
    }
}
