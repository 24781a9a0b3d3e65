package io.asyncorm.orm;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private static final Map<Long, WeakReference<DefaultAsyncSession>> OPEN = new ConcurrentHashMap<>();

    private static final AtomicLong IDS = new AtomicLong();

    /** Above this many entries, enrolling first drops the entries of sessions already collected. */
    private static final AtomicLong PURGE_AT = new AtomicLong(1024);

    private OpenSessions() {
    }

    /** Enrolls a session; returns the key that {@link #leave} takes. */
    static long enroll(DefaultAsyncSession session) {
        if (OPEN.size() > PURGE_AT.get()) {
            OPEN.values().removeIf(reference -> reference.get() == null);
            PURGE_AT.set(Math.max(1024, 2L * OPEN.size()));
        }
        long id = IDS.incrementAndGet();
        OPEN.put(id, new WeakReference<>(session));
        return id;
    }

    static void leave(long id) {
        OPEN.remove(id);
    }

    /** The enrolled sessions still alive. */
    static List<DefaultAsyncSession> sessions() {
        List<DefaultAsyncSession> sessions = new ArrayList<>();
        for (WeakReference<DefaultAsyncSession> reference : OPEN.values()) {
            DefaultAsyncSession session = reference.get();
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
