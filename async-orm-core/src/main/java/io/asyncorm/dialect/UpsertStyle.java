package io.asyncorm.dialect;

/** How a dialect writes "insert, or on a key conflict update / do nothing". */
public enum UpsertStyle {

    /** {@code INSERT ... ON CONFLICT (keys) DO UPDATE SET ... | DO NOTHING} (PostgreSQL). */
    ON_CONFLICT,

    /** {@code INSERT ... ON DUPLICATE KEY UPDATE ...} (MariaDB; conflicts on any unique key). */
    ON_DUPLICATE_KEY,

    /** {@code MERGE INTO t USING (VALUES ...) AS s ON ... WHEN MATCHED ... WHEN NOT MATCHED ...} (H2). */
    MERGE
}
