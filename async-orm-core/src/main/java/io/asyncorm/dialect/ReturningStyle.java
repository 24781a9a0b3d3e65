package io.asyncorm.dialect;

/** How a dialect returns rows from INSERT, UPDATE and DELETE. */
public enum ReturningStyle {

    /** {@code INSERT ... RETURNING a, b} (PostgreSQL; MariaDB for INSERT and DELETE). */
    SUFFIX,

    /** {@code SELECT a, b FROM FINAL TABLE (INSERT ...)}, or {@code OLD TABLE} for DELETE (H2). */
    DATA_CHANGE_DELTA_TABLE,

    /** Not supported. */
    NONE
}
