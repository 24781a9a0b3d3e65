package io.asyncorm.samples.library;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Registry;
import java.util.List;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.r2dbc.connection.init.ConnectionFactoryInitializer;
import org.springframework.r2dbc.connection.init.DatabasePopulator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Seeds a few authors and books when the library is empty, at startup after the starter has created the tables
 * ({@code async-orm.schema.mode}); and, for tests and demos, drops, recreates and reseeds. Spring's
 * {@link ConnectionFactoryInitializer} runs the seed at startup (and waits for it, as for any schema script), so no
 * request meets an empty library.
 */
@Component
@DependsOn("asyncOrmSchemaInitializer")
public class LibrarySchema extends ConnectionFactoryInitializer {

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
        setConnectionFactory(engine.connectionFactory());
        setDatabasePopulator(new DatabasePopulator() {

            @Override
            public Mono<Void> populate(ConnectionFactory connectionFactory) {
                return seed();
            }

            @Override
            public Mono<Void> populate(Connection connection) {
                return seed();
            }
        });
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
