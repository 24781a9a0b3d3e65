package io.asyncorm.orm.internal;

import java.util.List;
import reactor.core.publisher.Mono;

/** The per-object listeners the unit of work calls around its statements (the session's events, by phase). */
@FunctionalInterface
public interface FlushEvents {

    /** When a listener runs, relative to the statements that write an object. */
    enum Phase {
        /** Before the INSERT of the objects. */
        BEFORE_INSERT,
        /** After their INSERT. */
        AFTER_INSERT,
        /** Before their UPDATE is computed. */
        BEFORE_UPDATE,
        /** After their UPDATE. */
        AFTER_UPDATE,
        /** Before their DELETE. */
        BEFORE_DELETE,
        /** After their DELETE. */
        AFTER_DELETE
    }

    /** No listeners. */
    FlushEvents NONE = (phase, mapping, entities) -> Mono.empty();

    /**
     * Runs the listeners of a phase for some objects of one mapping, one object after another.
     *
     * @param phase the phase
     * @param mapping the objects' mapping
     * @param entities the objects
     * @return completes when every listener is done
     */
    Mono<Void> fire(Phase phase, EntityMapping<?> mapping, List<Object> entities);

    /**
     * Whether the event of a phase has anyone to run for a mapping's objects (a listener or a lifecycle callback): when
     * not, the flush leaves out its step. The default says yes.
     *
     * @param phase the phase
     * @param mapping the objects' mapping
     * @return false when firing the event would do nothing
     */
    default boolean listens(Phase phase, EntityMapping<?> mapping) {
        return true;
    }
}
