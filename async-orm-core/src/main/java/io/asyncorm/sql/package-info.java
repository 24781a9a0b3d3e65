/**
 * Statements as immutable values, compiled per dialect with bound parameters. This foundation holds
 * {@link io.asyncorm.sql.Sql#text(String)}; the schema ({@code MetaData}, {@code Table}) and the
 * expression language arrive with the Core SQL work.
 */
@NullMarked
package io.asyncorm.sql;

import org.jspecify.annotations.NullMarked;
