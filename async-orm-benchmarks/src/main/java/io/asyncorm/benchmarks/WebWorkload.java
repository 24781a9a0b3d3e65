package io.asyncorm.benchmarks;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * W9: the W1 operation behind a WebFlux endpoint (Reactor Netty, functional routes), against the same endpoint
 * written with Spring's {@code DatabaseClient}; a bounded smoke run: 2,000 requests per trial from 16 concurrent
 * WebClient calls, pool of 4. Every response must be 200 with the row; a failure fails the run.
 */
final class WebWorkload {

    private static final String CLIENT = "WebFlux + DatabaseClient";

    private static final String ORM = "WebFlux + async-orm session";

    private WebWorkload() {
    }

    static Workload w9(String url) {
        BenchContext context = new BenchContext(url, 4);
        List<Long> keys = RawOps.keys(2_000, 10_000);
        AtomicReference<DisposableServer> server = new AtomicReference<>();
        AtomicReference<WebClient> web = new AtomicReference<>();
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .GET("/client/{id}", request -> context.client.sql("SELECT id, name, score FROM bench_orm WHERE id = :id")
                        .bind("id", Long.valueOf(request.pathVariable("id"))).map(RawOps.RawRow::of).one()
                        .flatMap(row -> ServerResponse.ok().bodyValue(row.id() + " " + row.name())))
                .GET("/orm/{id}", request -> Workloads.ormGet(context, Long.parseLong(request.pathVariable("id")))
                        .flatMap(row -> ServerResponse.ok().bodyValue(row.getId() + " " + row.getName())))
                .build();
        return new Workload.Builder("W9", "get by key behind a WebFlux endpoint, 16 concurrent HTTP clients, pool of 4 (smoke run)", CLIENT)
                .setup(() -> context.schema(10_000, 0).then(HttpServer.create().host("127.0.0.1").port(0)
                        .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(routes))).bind()
                        .doOnNext(bound -> {
                            server.set(bound);
                            web.set(WebClient.create("http://127.0.0.1:" + bound.port()));
                        })).then())
                .arm(CLIENT, () -> requests(web, "/client/", keys))
                .arm(ORM, () -> requests(web, "/orm/", keys))
                .target("every request answered 200 with its row (smoke)", results -> new Workload.Verdict(true, "yes"))
                .build(() -> Mono.defer(() -> {
                    server.get().dispose();
                    return server.get().onDispose();
                }).then(context.close()));
    }

    private static Mono<Measure> requests(AtomicReference<WebClient> web, String path, List<Long> keys) {
        return Measure.timed(Flux.fromIterable(keys).flatMap(id -> web.get().get().uri(path + id).retrieve().bodyToMono(String.class)
                .handle((body, sink) -> {
                    if (body.startsWith(id + " ")) {
                        sink.next(body);
                    } else {
                        sink.error(new IllegalStateException(path + id + " answered " + body));
                    }
                }), 16).count());
    }
}
