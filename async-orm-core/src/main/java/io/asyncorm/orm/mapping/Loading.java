package io.asyncorm.orm.mapping;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The default loader strategy of a relationship, which JPA's {@code FetchType} cannot express. Without
 * it, a {@code @ManyToOne} or {@code @OneToOne} whose fetch type is EAGER (JPA's default for them)
 * loads with {@link LoaderStrategy#SELECTIN}, and every other relationship is
 * {@link LoaderStrategy#LAZY}. A query's loader options override it.
 *
 * <pre>{@code
 * @OneToMany(mappedBy = "author")
 * @Loading(LoaderStrategy.SELECTIN)
 * private List<Book> books = new ArrayList<>();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Loading {

    /**
     * The strategy.
     *
     * @return the strategy
     */
    LoaderStrategy value();
}
