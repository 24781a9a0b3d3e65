package io.asyncorm.sql;

import java.util.List;

/**
 * The conflict clause of an upsert: the key columns, and the columns updated from the inserted row
 * (none for "do nothing").
 *
 * @param keys the key columns
 * @param updates the columns to update; empty to leave the existing row alone
 */
record Upsert(List<Column<?>> keys, List<Column<?>> updates) {
}
