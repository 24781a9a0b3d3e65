package io.asyncorm.orm.keys;

/** The key of {@link TenantAccount}: a plain class with the {@code @Id} fields' names and types. */
public class TenantAccountKey {

    private String tenant;

    private Long number;

    public TenantAccountKey() {
    }

    public TenantAccountKey(String tenant, long number) {
        this.tenant = tenant;
        this.number = number;
    }
}
