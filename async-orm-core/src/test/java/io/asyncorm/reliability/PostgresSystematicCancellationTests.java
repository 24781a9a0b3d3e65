package io.asyncorm.reliability;

import static io.asyncorm.sql.Sql.text;

import io.asyncorm.reliability.model.Entry;
import io.asyncorm.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;

/** The systematic cancellation suite on PostgreSQL, with COPY and operations cancelled while they wait on a lock. */
class PostgresSystematicCancellationTests extends AbstractSystematicCancellationTests {

    private final String app = "cancel-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    protected String url() {
        return TestDatabases.postgres(this.app);
    }

    @Override
    protected boolean serverHoldsSomething() {
        return count("select count(*) from pg_stat_activity where application_name = '" + this.app
                + "' and pid <> pg_backend_pid() and coalesce(state, '') not in ('idle', '')") > 0;
    }

    @Override
    protected List<String> lockEverything() {
        return List.of("lock table rel_entry in exclusive mode", "select * from rel_counter for update");
    }

    @Override
    protected List<Operation> operations() {
        List<Operation> operations = new ArrayList<>(super.operations());
        operations.add(new Operation("copyIn", t -> t.engine.begin(conn -> conn.copyIn(REGISTRY.mapper(Entry.class).table(),
                List.of(REGISTRY.mapper(Entry.class).table().c("note")),
                t.factory.observed(Flux.just(List.<Object>of("c1"), List.<Object>of("c2")))))));
        operations.add(new Operation("execute with the server slow (pg_sleep)", t -> t.engine.begin(conn -> conn.execute(
                text("insert into rel_entry (note) select :note from (select pg_sleep(0.02)) s"), Map.of("note", "slow")))));
        return operations;
    }
}
