package io.asyncorm.orm.model;

import io.asyncorm.orm.Attribute;
import io.asyncorm.orm.CollectionAttribute;
import io.asyncorm.orm.ColumnAttribute;
import java.time.LocalDateTime;

/** The metamodel of {@link A}, as the annotation processor writes it. */
public final class A_ {

    public static final ColumnAttribute<A, Integer> id = Attribute.column(A.class, "id", Integer.class);

    public static final ColumnAttribute<A, String> data = Attribute.column(A.class, "data", String.class);

    public static final ColumnAttribute<A, LocalDateTime> createDate = Attribute.column(A.class, "createDate", LocalDateTime.class);

    public static final CollectionAttribute<A, B> bs = Attribute.collection(A.class, "bs", B.class);

    private A_() {
    }
}
