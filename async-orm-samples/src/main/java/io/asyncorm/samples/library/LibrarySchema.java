package io.asyncorm.samples.library;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Registry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Creates the tables from the entity mapping and adds a few authors and books when the library is empty. It waits
 * for that at startup (the one place this application waits: no request may meet a missing table, and Spring Boot's
 * own schema initializer waits the same way).
 */
@Component
public class LibrarySchema implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(LibrarySchema.class);

    private final AsyncEngine engine;

    private final Registry registry;

    private final AsyncSessionMaker sessions;

    /**
     * Creates the initializer.
     *
     * @param engine the engine
     * @param registry the mapped entities
     * @param sessions the session maker
     */
    public LibrarySchema(AsyncEngine engine, Registry registry, AsyncSessionMaker sessions) {
        this.engine = engine;
        this.registry = registry;
        this.sessions = sessions;
    }

    @Override
    public void afterPropertiesSet() {
        this.engine.begin(conn -> this.registry.metadata().createAll(conn)).then(seed())
                .block(Duration.ofSeconds(60));
        LOG.info("Library schema ready");
    }

    /**
     * Drops and recreates the tables, then seeds them again (for tests and demos).
     *
     * @return completes when the library is back to its seed data
     */
    public Mono<Void> reset() {
        return this.engine.begin(conn -> this.registry.metadata().dropAll(conn, true).then(this.registry.metadata().createAll(conn)))
                .then(seed());
    }

    private Mono<Void> seed() {
        return Mono.usingWhen(Mono.fromSupplier(this.sessions::create), session -> session.<Author>scalars(
                io.asyncorm.orm.Orm.select(Author.class).limit(1)).flatMap(existing -> {
                    if (existing.first().isPresent()) {
                        return Mono.empty();
                    }
                    Author leGuin = new Author("Ursula K. Le Guin");
                    Author lem = new Author("Stanisław Lem");
                    Author pratchett = new Author("Terry Pratchett");
                    Tag scienceFiction = new Tag("science-fiction");
                    Tag fantasy = new Tag("fantasy");
                    Tag humour = new Tag("humour");
                    List<Book> books = List.of(
                            tagged(new Book("The Dispossessed", "9780061054884", 2, leGuin), scienceFiction),
                            tagged(new Book("A Wizard of Earthsea", "9780547773742", 3, leGuin), fantasy),
                            tagged(new Book("Solaris", "9780156837507", 1, lem), scienceFiction),
                            tagged(new Book("The Cyberiad", "9780156027595", 2, lem), scienceFiction, humour),
                            tagged(new Book("Guards! Guards!", "9780062225757", 4, pratchett), fantasy, humour),
                            tagged(new Book("Small Gods", "9780062237378", 2, pratchett), fantasy, humour));
                    session.addAll(books);
                    return session.commit();
                }), session -> session.close());
    }

    private static Book tagged(Book book, Tag... tags) {
        book.getTags().addAll(List.of(tags));
        return book;
    }
}
