package io.asyncorm.orm;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sessions of the process that hold objects or connections, for {@link AsyncSession#objectSession} and
 * {@link AsyncSession#closeAll}. A session enrolls on its first use, not when it is made, and leaves when it
 * closes; the registry holds it weakly, so a session dropped without closing is not kept alive. Lock-free.
 */
final class OpenSessions {

    // Keyed by the weak reference itself (identity equality): no id to draw from a shared counter, no boxed key.
    private static final Set<Enrollment> OPEN = ConcurrentHashMap.newKeySet();

    /** Above this many entries, enrolling first drops the entries of sessions already collected. */
    private static final AtomicLong PURGE_AT = new AtomicLong(1024);

    private OpenSessions() {
    }

    /** A session's entry: {@link #leave} takes it back. */
    static final class Enrollment extends WeakReference<DefaultAsyncSession> {

        private Enrollment(DefaultAsyncSession session) {
            super(session);
        }
    }

    /** Enrolls a session; returns the entry that {@link #leave} takes. */
    static Enrollment enroll(DefaultAsyncSession session) {
        if (OPEN.size() > PURGE_AT.get()) {
            OPEN.removeIf(enrollment -> enrollment.get() == null);
            PURGE_AT.set(Math.max(1024, 2L * OPEN.size()));
        }
        Enrollment enrollment = new Enrollment(session);
        OPEN.add(enrollment);
        return enrollment;
    }

    static void leave(Enrollment enrollment) {
        OPEN.remove(enrollment);
    }

    /** The enrolled sessions still alive. */
    static List<DefaultAsyncSession> sessions() {
        List<DefaultAsyncSession> sessions = new ArrayList<>();
        for (Enrollment enrollment : OPEN) {
            DefaultAsyncSession session = enrollment.get();
            if (session != null) {
                sessions.add(session);
            }
        }
        return sessions;
    }

    static Optional<AsyncSession> holding(Object entity) {
        for (DefaultAsyncSession session : sessions()) {
            if (session.contains(entity)) {
                return Optional.of(session);
            }
        }
        return Optional.empty();
    }

    static Mono<Void> closeAll() {
        return Flux.defer(() -> Flux.fromIterable(sessions())).concatMap(DefaultAsyncSession::close).then();
    }
}
