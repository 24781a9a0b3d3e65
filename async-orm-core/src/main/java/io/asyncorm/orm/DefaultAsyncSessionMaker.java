package io.asyncorm.orm;

import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The session maker: holds the current settings and scopes sessions with {@code usingWhen}. */
final class DefaultAsyncSessionMaker implements AsyncSessionMaker {

    private volatile AsyncSessionMaker.Builder settings;

    /** The options every session of the current settings shares (immutable), made once per change of settings. */
    private volatile SessionOptions options;

    private final SessionEvents events = new SessionEvents();

    DefaultAsyncSessionMaker(AsyncSessionMaker.Builder settings) {
        this.settings = settings;
        this.options = settings.options();
    }

    @Override
    public AsyncSession create() {
        return new DefaultAsyncSession(this.options, this.events);
    }

    @Override
    public AsyncSession create(Function<AsyncSessionMaker.Builder, AsyncSessionMaker.Builder> overrides) {
        AsyncSessionMaker.Builder base = this.settings;
        return new DefaultAsyncSession(overrides.apply(base.copy()).mergeInfo(base).options(), this.events);
    }

    @Override
    public <T> Flux<T> use(Function<? super AsyncSession, ? extends Publisher<T>> work) {
        return Flux.usingWhen(Mono.fromSupplier(this::create), work, AsyncSession::close, (session, error) -> session.close(),
                AsyncSession::close);
    }

    @Override
    public <T> Flux<T> begin(Function<? super AsyncSession, ? extends Publisher<T>> work) {
        return use(session -> session.begin(work));
    }

    @Override
    public SessionEvents events() {
        return this.events;
    }

    @Override
    public synchronized void configure(Function<AsyncSessionMaker.Builder, AsyncSessionMaker.Builder> changes) {
        AsyncSessionMaker.Builder changed = changes.apply(this.settings.copy()).copy();
        this.options = changed.options();
        this.settings = changed;
    }

    @Override
    public String toString() {
        SessionOptions options = this.options;
        return "AsyncSessionMaker[engine=" + options.engine() + ", expireOnCommit=" + options.expireOnCommit() + ", autoflush="
                + options.autoflush() + ", info=" + options.info() + "]";
    }
}
