package io.asyncorm.orm.internal;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.orm.internal.EntityState.Status;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/** The entry points of flushing, for the session: what would be written, and writing it. */
public final class UnitOfWork {

    private UnitOfWork() {
    }

    /**
     * Whether a flush would write anything.
     *
     * @param session the session's objects
     * @return whether some object is pending, deleted or modified
     */
    public static boolean hasChanges(SessionState session) {
        for (EntityState state : session.states()) {
            if (hasChange(state)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many objects have changes to flush.
     *
     * @param session the session's objects
     * @return the pending, deleted and modified objects
     */
    public static int changeCount(SessionState session) {
        int count = 0;
        for (EntityState state : session.states()) {
            if (hasChange(state)) {
                count++;
            }
        }
        return count;
    }

    private static boolean hasChange(EntityState state) {
        return state.status() == Status.PENDING || state.status() == Status.DELETED
                || (state.status() == Status.PERSISTENT && ChangeDetector.isModified(state));
    }

    /**
     * Whether an object has changes to flush.
     *
     * @param state the object's state
     * @return whether it is pending, deleted or modified
     */
    public static boolean isModified(EntityState state) {
        return state.status() == Status.PENDING || state.status() == Status.DELETED || ChangeDetector.isModified(state);
    }

    /**
     * Whether an object of the session has changes to flush.
     *
     * @param session the session's objects
     * @param entity the object
     * @return whether it is pending, deleted or modified
     * @throws InvalidRequestError when the object is not in the session
     */
    public static boolean isModified(SessionState session, Object entity) {
        EntityState state = session.stateOf(entity);
        if (state == null) {
            throw new InvalidRequestError("Instance " + entity.getClass().getSimpleName() + " is not in this session");
        }
        return isModified(state);
    }

    /**
     * The persistent objects with changes to flush.
     *
     * @param session the session's objects
     * @return a snapshot list
     */
    public static List<Object> dirty(SessionState session) {
        List<Object> dirty = new ArrayList<>();
        for (EntityState state : session.states()) {
            if (state.status() == Status.PERSISTENT && ChangeDetector.isModified(state)) {
                dirty.add(state.entity());
            }
        }
        return dirty;
    }

    /**
     * Plans the flush in memory now and, if there is anything to write, returns the writes on the connection: call it
     * when the flush is about to run (its plan is the session's objects as they are at the call).
     *
     * @param session the session's objects
     * @param connections the session's connection for each entity class, checked out when first needed; asked when
     *     each statement is about to run
     * @param events the per-object listeners
     * @return completes when flushed; {@link Mono#empty()} with nothing to write
     */
    public static Mono<Void> flushNow(SessionState session, Connections connections, FlushEvents events) {
        FlushPlan plan = FlushPlan.of(session);
        if (plan.isEmpty()) {
            return Mono.empty();
        }
        return new FlushExecutor(session, connections, events, plan).run();
    }
}
