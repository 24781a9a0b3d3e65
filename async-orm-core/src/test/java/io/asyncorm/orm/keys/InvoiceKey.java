package io.asyncorm.orm.keys;

/** The key of {@link Invoice}. */
public record InvoiceKey(String tenant, Long number) {
}
