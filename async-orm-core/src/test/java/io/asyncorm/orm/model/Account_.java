package io.asyncorm.orm.model;

import io.asyncorm.orm.Attribute;
import io.asyncorm.orm.ColumnAttribute;

/** The metamodel of {@link Account}. */
public final class Account_ {

    public static final ColumnAttribute<Account, Integer> id = Attribute.column(Account.class, "id", Integer.class);

    public static final ColumnAttribute<Account, String> owner = Attribute.column(Account.class, "owner", String.class);

    private Account_() {
    }
}
