package io.asyncorm.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.orm.Registry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An object's relationship snapshots (what flush compares against): references and collections share one list of
 * name/snapshot pairs, so forgetting a collection must leave every other snapshot, a null reference included, as it was.
 */
class RelationshipSnapshotsTests {

    static {
        Registry.of(UowAuthor.class, UowBook.class);
    }

    @Test
    void forgettingACollectionKeepsTheOtherSnapshotsAndANullReferenceIsStillASnapshot() {
        EntityState state = new EntityState(EntityMappings.of(UowBook.class).newInstance(), EntityMappings.of(UowBook.class), EntityState.Status.PERSISTENT, new EntityState.Tenure(null));
        assertThat(state.hasReferenceSnapshot("author")).isFalse();
        assertThat(state.collectionSnapshot("first")).isNull();

        state.collectionSnapshot("first", List.of("a"));
        state.referenceSnapshot("author", null);
        state.collectionSnapshot("second", List.of("b", "c"));
        state.collectionSnapshot("third", List.of());
        assertThat(state.hasReferenceSnapshot("author")).as("a null target is a snapshot").isTrue();
        assertThat(state.referenceSnapshot("author")).isNull();

        state.collectionSnapshot("first", null);
        state.collectionSnapshot("missing", null);
        assertThat(state.collectionSnapshot("first")).isNull();
        assertThat(state.hasReferenceSnapshot("author")).isTrue();
        assertThat(state.collectionSnapshot("second")).containsExactly("b", "c");
        assertThat(state.collectionSnapshot("third")).isEmpty();

        state.collectionSnapshot("third", null);
        state.collectionSnapshot("first", List.of("d"));
        state.referenceSnapshot("author", "target");
        assertThat(state.collectionSnapshot("first")).containsExactly("d");
        assertThat(state.collectionSnapshot("second")).containsExactly("b", "c");
        assertThat(state.collectionSnapshot("third")).isNull();
        assertThat(state.referenceSnapshot("author")).isEqualTo("target");
    }
}
