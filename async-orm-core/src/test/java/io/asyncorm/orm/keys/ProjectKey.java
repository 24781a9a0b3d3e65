package io.asyncorm.orm.keys;

/** The key of {@link Project}. */
public record ProjectKey(String tenant, String code) {
}
