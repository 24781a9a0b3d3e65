package io.asyncorm.orm.schema;

/** The tenant-scoped key of {@link Statement}. */
public record StatementKey(String tenant, Long number) {
}
