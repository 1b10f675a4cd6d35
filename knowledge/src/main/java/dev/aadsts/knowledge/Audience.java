package dev.aadsts.knowledge;

import java.util.Arrays;

/** Who has to act on an error. The ids are the catalog's and the JSON contract's spelling. */
public enum Audience {
    END_USER("end-user", "End user"),
    TENANT_ADMIN("tenant-admin", "Tenant admin"),
    APP_DEVELOPER("app-developer", "App developer"),
    IDP_ADMIN("idp-admin", "Federated IdP admin"),
    NONE("none", "Nobody (transient)");

    private final String id;
    private final String label;

    Audience(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Audience fromId(String id) {
        return Arrays.stream(values())
                .filter(a -> a.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown audience '" + id + "'"));
    }
}
