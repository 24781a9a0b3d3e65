/**
 * Core SQL: the schema as data ({@link io.asyncorm.sql.MetaData}, {@link io.asyncorm.sql.Table},
 * {@link io.asyncorm.sql.Column}, sequences), a typed expression language, and immutable statements
 * ({@link io.asyncorm.sql.Sql#select(Object...)}, insert, update, delete, {@link io.asyncorm.sql.BulkUpdate},
 * {@link io.asyncorm.sql.Sql#text(String)}) compiled per dialect with bound parameters and cached.
 */
@NullMarked
package io.asyncorm.sql;

import org.jspecify.annotations.NullMarked;
