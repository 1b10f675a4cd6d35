package dev.aadsts.core.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.BotCore;
import dev.aadsts.core.TestCore;
import dev.aadsts.core.overlay.OverlayLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrganizationTextTest {
    @TempDir
    Path dir;

    @Test
    void theSectionComesBeforeOurCauses() throws Exception {
        Files.writeString(dir.resolve("o.yaml"), """
                organization: Contoso IT
                rules:
                  - codes: [50011]
                    note: "Ask the identity team first."
                    fixes_before: [Check the CMDB entry.]
                    fixes_after: [Open a ticket.]
                    contact: {email: identity@contoso.example, slack: "#help-identity"}
                    links: [{label: Runbook, url: "https://wiki.contoso.example/runbook"}]
                    hide: {fixes: [5]}
                """);
        BotCore core = new BotCore(TestCore.get().catalog());
        core.useOverlay(new OverlayLoader(core.catalog()).load(dir));
        String text = new PlainTextRenderer().card(core.cards().forCode("50011"));
        int section = text.indexOf("\nAt Contoso IT\n");
        assertTrue(section > 0, text);
        assertTrue(section < text.indexOf("Likely causes"), text);
        assertTrue(text.contains("  Ask the identity team first.\n"), text);
        assertTrue(text.contains("  First, before our steps below\n    1. Check the CMDB entry.\n"), text);
        assertTrue(text.contains("  If our steps below don't solve it\n    1. Open a ticket.\n"), text);
        assertTrue(text.contains("  Contact (Slack): #help-identity\n"), text);
        assertTrue(text.contains("  Contact (Email): identity@contoso.example\n"), text);
        assertTrue(text.contains("  Runbook: https://wiki.contoso.example/runbook\n"), text);
        assertTrue(text.contains("  Hidden here: 1 fix step of ours that does not apply at Contoso IT.\n"), text);
        assertFalse(text.substring(text.indexOf("How to fix")).contains("\n  5. "), "the hidden fifth step is gone");
    }
}
