package dev.aadsts.slack.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A stored reply names its workspace by key; the key must bring back the same workspace, Grid included. */
class WorkspaceTest {

    @Test
    void keysNameTheSameWorkspaceAgain() {
        for (Workspace w : new Workspace[] {new Workspace(null, "T0001"), new Workspace("E0001", "T0002"),
                new Workspace("E0001", null)}) {
            assertEquals(w, Workspace.fromKey(w.key()), w.describe());
        }
        assertEquals("E0001/T0002", new Workspace("E0001", "T0002").key());
        assertEquals("E0001/", new Workspace("E0001", null).key());
    }

    @Test
    void rowsWithoutAWorkspaceNameNone() {
        assertNull(Workspace.fromKey(null));
        assertNull(Workspace.fromKey(""));
        // Replies recorded before workspaces were kept carry a bare team id.
        assertEquals(new Workspace(null, "T0001"), Workspace.fromKey("T0001"));
    }
}
