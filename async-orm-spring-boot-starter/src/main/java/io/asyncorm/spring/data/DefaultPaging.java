package io.asyncorm.spring.data;

import io.asyncorm.orm.EntitySelect;
import io.asyncorm.orm.Registry;
import io.asyncorm.orm.SessionQueryOperations;
import io.asyncorm.orm.mapping.Mapper;
import io.asyncorm.sql.Expression;
import io.asyncorm.sql.Ordering;
import io.asyncorm.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import reactor.core.publisher.Mono;

/** {@link Paging} over a registry's mappings. */
final class DefaultPaging implements Paging {

    private final Registry registry;

    DefaultPaging(Registry registry) {
        this.registry = registry;
    }

    @Override
    public <T> EntitySelect<T> sort(EntitySelect<T> query, Sort sort) {
        if (sort.isUnsorted()) {
            return query;
        }
        Mapper<T> mapper = this.registry.mapper(query.entityType());
        List<Ordering> terms = new ArrayList<>();
        for (Sort.Order order : sort) {
            Expression<?> column = mapper.column(order.getProperty());
            Expression<?> key = order.isIgnoreCase() ? Sql.func.lower(column) : column;
            Ordering term = order.isAscending() ? key.asc() : key.desc();
            terms.add(switch (order.getNullHandling()) {
                case NULLS_FIRST -> term.nullsFirst();
                case NULLS_LAST -> term.nullsLast();
                case NATIVE -> term;
            });
        }
        return query.orderBy(terms.toArray());
    }

    @Override
    public <T> EntitySelect<T> apply(EntitySelect<T> query, Pageable pageable) {
        EntitySelect<T> sorted = sort(query, pageable.getSort());
        return pageable.isUnpaged() ? sorted : sorted.limit(pageable.getPageSize()).offset(Math.toIntExact(pageable.getOffset()));
    }

    @Override
    public <T> Mono<Page<T>> page(SessionQueryOperations session, EntitySelect<T> query, Pageable pageable) {
        return Mono.defer(() -> session.list(apply(query, pageable))).flatMap(content -> {
            if (pageable.isUnpaged()) {
                return Mono.just(new PageImpl<>(content, pageable, content.size()));
            }
            boolean knownFromThePage = pageable.getOffset() == 0 ? content.size() < pageable.getPageSize()
                    : !content.isEmpty() && content.size() < pageable.getPageSize();
            if (knownFromThePage) {
                return Mono.just(new PageImpl<>(content, pageable, pageable.getOffset() + content.size()));
            }
            return session.scalar(Sql.select(Sql.func.count()).selectFrom(query.toSelect().subquery("counted")))
                    .map(total -> new PageImpl<>(content, pageable, ((Number) total.orElse(0L)).longValue()));
        });
    }

    @Override
    public <T> Mono<Slice<T>> slice(SessionQueryOperations session, EntitySelect<T> query, Pageable pageable) {
        if (pageable.isUnpaged()) {
            return Mono.defer(() -> session.list(sort(query, pageable.getSort()))).map(content -> new SliceImpl<>(content, pageable, false));
        }
        return Mono.defer(() -> session.list(sort(query, pageable.getSort()).limit(pageable.getPageSize() + 1)
                .offset(Math.toIntExact(pageable.getOffset())))).map(rows -> {
            boolean hasNext = rows.size() > pageable.getPageSize();
            return new SliceImpl<>(hasNext ? rows.subList(0, pageable.getPageSize()) : rows, pageable, hasNext);
        });
    }
}
