package dev.aadsts.app.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import dev.aadsts.core.store.Store;
import dev.aadsts.slack.install.StoredInstallationService;
import dev.aadsts.slack.install.TokenSeal;
import dev.aadsts.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bolt's installation store on the real embedded store: which install answers for a workspace. */
class StoredInstallationServiceTest {
    private static final TokenSeal SEAL = TokenSeal.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

    private Store store;
    private StoredInstallationService installs;

    @BeforeEach
    void open() throws Exception {
        store = Stores.embedded(Files.createTempDirectory("stored-installs"));
        installs = new StoredInstallationService(store.slackInstallations(), SEAL);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static DefaultInstaller install(String enterprise, String team, boolean orgWide, String token) {
        return DefaultInstaller.builder().enterpriseId(enterprise).teamId(team).isEnterpriseInstall(orgWide)
                .installerUserId("U0ADMIN").installerUserAccessToken("xoxp-" + token).botAccessToken("xoxb-" + token)
                .botUserId("UBOT").installedAt(1_700_000_000_000L).build();
    }

    @Test
    void anOrgWideInstallAnswersForEveryWorkspaceOfItsOrganization() throws Exception {
        installs.saveInstallerAndBot(install("E1", null, true, "org"));
        installs.saveInstallerAndBot(install(null, "T9", false, "solo"));
        assertEquals("xoxb-org", installs.findBot("E1", "T1").getBotAccessToken());
        assertEquals("xoxb-org", installs.findBot("E1", null).getBotAccessToken());
        assertEquals("xoxp-org", installs.findInstaller("E1", "T2", "U0ADMIN").getInstallerUserAccessToken());
        assertEquals("xoxb-solo", installs.findBot(null, "T9").getBotAccessToken());
        assertNull(installs.findBot(null, "T1"), "a workspace outside the organization is not covered");
    }

    @Test
    void aWorkspaceInstalledBeforeJoiningAnOrganizationIsStillFound() throws Exception {
        installs.saveInstallerAndBot(install(null, "T5", false, "before-grid"));
        Bot bot = installs.findBot("E7", "T5");
        assertEquals("xoxb-before-grid", bot.getBotAccessToken());
    }

    @Test
    void anOrgWideInstallIsKeptUnderItsOrganizationWhateverTeamBoltCarries() throws Exception {
        installs.saveInstallerAndBot(install("E1", "T1", true, "org"));
        assertTrue(store.slackInstallations().bot("E1", null).isPresent());
        assertTrue(store.slackInstallations().bot("E1", "T1").isEmpty());
        installs.deleteBot(installs.findBot("E1", "T3"));
        assertNull(installs.findBot("E1", "T3"));
    }

    @Test
    void recordsSealedWithAnotherKeyCountAsNotInstalled() throws Exception {
        installs.saveInstallerAndBot(install(null, "T1", false, "old-key"));
        StoredInstallationService otherKey = new StoredInstallationService(store.slackInstallations(),
                TokenSeal.fromBase64(Base64.getEncoder().encodeToString("k".repeat(32).getBytes())));
        assertNull(otherKey.findBot(null, "T1"));
        assertNull(otherKey.findInstaller(null, "T1", "U0ADMIN"));
        assertEquals("xoxb-old-key", installs.findBot(null, "T1").getBotAccessToken());
    }

    @Test
    void storedBytesHoldNoTokenInTheClear() throws Exception {
        installs.saveInstallerAndBot(install(null, "T1", false, "visible?"));
        String bot = new String(store.slackInstallations().bot(null, "T1").orElseThrow().sealed(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        String user = new String(store.slackInstallations().installer(null, "T1", "U0ADMIN").orElseThrow().sealed(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(!bot.contains("xoxb-") && !user.contains("xoxp-") && !user.contains("xoxb-"));
    }
}
