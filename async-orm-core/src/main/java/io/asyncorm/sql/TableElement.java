package io.asyncorm.sql;

/**
 * Something a table is built from: a {@link Column}, or a table constraint ({@link ForeignKey},
 * {@link UniqueConstraint}, {@link CheckConstraint}) or an {@link Index}.
 */
public interface TableElement {
}
