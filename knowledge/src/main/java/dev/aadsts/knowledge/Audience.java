package dev.aadsts.knowledge;

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
        return Ids.byId(values(), Audience::id, id, "audience");
    }
}
