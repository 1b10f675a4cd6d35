package dev.aadsts.knowledge;

/** The small fixed set of areas an error belongs to; search and alert routing key on these ids. */
public enum Category {
    CREDENTIALS("credentials", "Credentials"),
    ACCOUNT("account", "Account state"),
    MFA("mfa", "MFA"),
    CONDITIONAL_ACCESS("conditional-access", "Conditional Access"),
    CONSENT("consent", "Consent"),
    APP_REGISTRATION("app-registration", "App registration"),
    CLIENT_CREDENTIALS("client-credentials", "Client credentials"),
    TOKEN("token", "Tokens"),
    FEDERATION("federation", "Federation"),
    DEVICE("device", "Device"),
    B2B_GUEST("b2b-guest", "B2B / guest"),
    TENANT("tenant", "Tenant"),
    PROTOCOL("protocol", "Protocol"),
    SERVICE("service", "Service");

    private final String id;
    private final String label;

    Category(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Category fromId(String id) {
        return Ids.byId(values(), Category::id, id, "category");
    }
}
