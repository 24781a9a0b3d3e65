package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.orm.schema.BankAccount;
import io.asyncorm.orm.schema.Card;
import io.asyncorm.orm.schema.Instrument;
import io.asyncorm.orm.schema.Instrument_;
import io.asyncorm.orm.schema.Label;
import io.asyncorm.orm.schema.Organization;
import io.asyncorm.orm.schema.Party;
import io.asyncorm.orm.schema.Party_;
import io.asyncorm.orm.schema.Person;
import io.asyncorm.orm.schema.Statement;
import io.asyncorm.orm.schema.StatementKey;
import io.asyncorm.orm.schema.Statement_;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * One schema with most of what a real one holds, used end to end: a JOINED hierarchy of parties keyed from a sequence
 * and labelled through a two-column association table, a single-table hierarchy of instruments held by parties, and
 * statements with a tenant-scoped composite key and a deferred large body. Objects are added, queried polymorphically,
 * updated, deleted and streamed; each step checks the rows of every table.
 */
abstract class AbstractSchemaEndToEndIntegrationTests extends OrmIntegrationTestSupport {

    private static final Registry SCHEMA = Registry.of(Party.class, Person.class, Organization.class,
            Label.class, Instrument.class, Card.class, BankAccount.class, Statement.class);

    private static final String BIG = "statement line\n".repeat(8_000);

    @Override
    protected Registry registry() {
        return SCHEMA;
    }

    @Test
    void aSchemaOfBothHierarchiesACompositeKeyAnAssociationTableAndADeferredColumn() {
        // Add.
        StepVerifier.create(this.maker.begin(session -> {
            Label vip = new Label("vip");
            Label eu = new Label("eu");
            Person ann = new Person("ann", 1990);
            ann.labels.add(vip);
            ann.labels.add(eu);
            Organization acme = new Organization("acme", "RC-1");
            acme.labels.add(eu);
            Card card = new Card(1, ann, "4242");
            BankAccount account = new BankAccount(2, acme, "DE00");
            session.addAll(List.of(vip, eu, ann, acme, card, account, new Statement("t1", 1, card, BIG),
                    new Statement("t1", 2, card, "short"), new Statement("t2", 1, account, BIG)));
            return Mono.empty();
        })).verifyComplete();
        assertThat(rows("select kind, name, version from es_party order by name"))
                .containsExactly("[organization, acme, 0]", "[person, ann, 0]");
        assertThat(rows("select p.name, x.birth_year from es_person x join es_party p on p.id = x.id")).containsExactly("[ann, 1990]");
        assertThat(rows("select registration from es_organization")).containsExactly("[RC-1]");
        assertThat(rows("select p.name, l.label_code from es_party_label l join es_party p on p.id = l.party_id "
                + "order by p.name, l.label_code")).containsExactly("[acme, eu]", "[ann, eu]", "[ann, vip]");
        assertThat(rows("select i.id, i.kind, i.last4, i.iban, p.name from es_instrument i join es_party p on p.id = i.holder_id "
                + "order by i.id")).containsExactly("[1, card, 4242, null, ann]", "[2, account, null, DE00, acme]");
        assertThat(rows("select tenant, number, instrument_id from es_statement order by tenant, number"))
                .containsExactly("[t1, 1, 1]", "[t1, 2, 1]", "[t2, 1, 2]");

        // Query polymorphically.
        this.echo.clear();
        StepVerifier.create(this.maker.use(session -> session.list(select(Party.class).orderBy(Party_.name.asc())
                .options(selectinload(Party_.labels)))))
                .assertNext(parties -> {
                    assertThat(parties).extracting(Object::getClass).containsExactly(Organization.class, Person.class);
                    assertThat(((Organization) parties.get(0)).registration).isEqualTo("RC-1");
                    assertThat(((Person) parties.get(1)).birthYear).isEqualTo(1990);
                    assertThat(parties.get(1).labels).extracting(label -> label.code).containsExactlyInAnyOrder("vip", "eu");
                }).verifyComplete();
        assertThat(statements("SELECT")).as(String.join("\n", statements("SELECT"))).hasSize(2);
        StepVerifier.create(this.maker.use(session -> session.list(select(Instrument.class).orderBy(Instrument_.id.asc()))))
                .assertNext(instruments -> {
                    assertThat(instruments).extracting(Object::getClass).containsExactly(Card.class, BankAccount.class);
                    assertThat(instruments.get(0).holder).isInstanceOf(Person.class);
                    assertThat(instruments.get(1).holder).isInstanceOf(Organization.class);
                }).verifyComplete();
        this.echo.clear();
        StepVerifier.create(this.maker.use(session -> session.get(Statement.class, new StatementKey("t1", 1L)).flatMap(statement -> {
            assertThat(statement.body).as("deferred").isNull();
            assertThat(statement.instrument).isInstanceOf(Card.class);
            return AsyncAttrs.fetch(statement, Statement_.body);
        }))).expectNext(BIG).verifyComplete();
        assertThat(statements("SELECT").get(0)).contains("NULL AS body__deferred");

        // Update: a column of each of the JOINED tables, an association row, a single-table subclass's column, a deferred one.
        StepVerifier.create(this.maker.begin(session -> session.list(select(Person.class).options(selectinload(Party_.labels)))
                .flatMap(people -> {
                    Person ann = people.get(0);
                    ann.name = "anna";
                    ann.birthYear = 1991;
                    ann.labels.removeIf(label -> label.code.equals("vip"));
                    return session.get(Instrument.class, 1L);
                })
                .flatMap(card -> {
                    ((Card) card).last4 = "0000";
                    return session.get(Statement.class, new StatementKey("t1", 2L));
                })
                .doOnNext(statement -> statement.body = "revised"))).expectNextCount(1).verifyComplete();
        assertThat(rows("select p.name, p.version, x.birth_year from es_person x join es_party p on p.id = x.id"))
                .containsExactly("[anna, 1, 1991]");
        assertThat(rows("select count(*) from es_party_label")).containsExactly("[2]");
        assertThat(rows("select id, last4 from es_instrument where kind = 'card'")).containsExactly("[1, 0000]");
        StepVerifier.create(this.maker.use(session -> session.get(Statement.class, new StatementKey("t1", 2L))
                .flatMap(statement -> AsyncAttrs.fetch(statement, Statement_.body)))).expectNext("revised").verifyComplete();

        // Delete: an organization with its account and the account's statement, in one flush.
        StepVerifier.create(this.maker.begin(session -> session.list(select(Organization.class)).flatMap(organizations -> {
            Organization acme = organizations.get(0);
            return session.get(Statement.class, new StatementKey("t2", 1L)).flatMap(session::delete)
                    .then(session.get(Instrument.class, 2L).flatMap(session::delete))
                    .then(session.delete(acme));
        }))).verifyComplete();
        assertThat(rows("select kind, name from es_party")).containsExactly("[person, anna]");
        assertThat(rows("select count(*) from es_organization")).containsExactly("[0]");
        assertThat(rows("select label_code from es_party_label")).containsExactly("[eu]");
        assertThat(rows("select id from es_instrument")).containsExactly("[1]");
        assertThat(rows("select tenant, number from es_statement order by number")).containsExactly("[t1, 1]", "[t1, 2]");

        // Stream.
        StepVerifier.create(this.maker.use(session -> session.<Statement>streamScalars(select(Statement.class)
                .orderBy(Statement_.tenant.asc(), Statement_.number.asc()))
                .flatMapMany(result -> result.rows())
                .map(statement -> statement.tenant + "/" + statement.number + " " + (statement.body == null ? "deferred" : "loaded")
                        + " " + statement.instrument.getClass().getSimpleName() + " of " + statement.instrument.holder.name)
                .collectList()))
                .assertNext(lines -> assertThat(lines).containsExactly("t1/1 deferred Card of anna", "t1/2 deferred Card of anna"))
                .verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.<Party>streamScalars(select(Party.class)).flatMapMany(result -> result.rows())
                .map(party -> party.getClass().getSimpleName() + " " + party.name).collectList()))
                .assertNext(parties -> assertThat(parties).containsExactly("Person anna")).verifyComplete();
    }
}
