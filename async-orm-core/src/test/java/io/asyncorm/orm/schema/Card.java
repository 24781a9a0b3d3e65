package io.asyncorm.orm.schema;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

/** A card: its column is NULL in the other instruments' rows. */
@Entity
@DiscriminatorValue("card")
public class Card extends Instrument {

    public String last4;

    protected Card() {
    }

    public Card(long id, Party holder, String last4) {
        super(id, holder);
        this.last4 = last4;
    }
}
