package io.asyncorm.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A column whose value the database computes when a row is inserted without it, such as a creation
 * time. The SQL expression becomes the column's DEFAULT in DDL; an INSERT leaves the column out while
 * the field is null, and the flush reads the computed value back in the same statement (RETURNING),
 * so the field is set right after the flush with no further query (SQLAlchemy's eager defaults).
 *
 * <pre>{@code
 * @ServerDefault("CURRENT_TIMESTAMP")
 * private LocalDateTime createDate;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ServerDefault {

    /**
     * The SQL expression, written as the database expects it in a DEFAULT clause.
     *
     * @return the expression, for example {@code CURRENT_TIMESTAMP}
     */
    String value();
}
