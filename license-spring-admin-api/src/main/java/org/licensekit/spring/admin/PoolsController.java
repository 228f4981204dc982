package org.licensekit.spring.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Term;
import org.licensekit.spring.admin.json.ExtendRequest;
import org.licensekit.spring.admin.json.NewPoolRequest;
import org.licensekit.spring.admin.json.PoolJson;
import org.licensekit.spring.admin.json.RenewRequest;
import org.licensekit.spring.admin.json.SeatsRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(Routes.BASE + "/pools")
@Tag(name = "Pools", description = "License pools: seats bought per product, their terms and renewals.")
final class PoolsController {

  private final AdminSessions sessions;

  PoolsController(AdminSessions sessions) {
    this.sessions = sessions;
  }

  @GetMapping
  @Operation(summary = "List pools", description = "Every pool of the tenant with its seats in use.")
  List<PoolJson> list(HttpServletRequest request) {
    return sessions.open(request).pools().list().stream().map(Wire::pool).toList();
  }

  @GetMapping("/{poolId}")
  @Operation(summary = "Read a pool", description = "One pool with its seats in use; 404 when the tenant has no such pool.")
  PoolJson find(@PathVariable String poolId, HttpServletRequest request) {
    PoolId id = PoolId.of(poolId);
    return sessions.open(request).pools().find(id).map(Wire::pool).orElseThrow(() -> new NotFoundException("poolId", id));
  }

  @PostMapping
  @Operation(summary = "Add a pool", description = "Adds a pool of seats for a product (201, with the pool's location).")
  ResponseEntity<PoolJson> add(@Valid @RequestBody NewPoolRequest body, HttpServletRequest request) {
    ActorSession session = sessions.open(request);
    LicensePool pool = session.pools().add(Requests.pool(body));
    PoolJson created = session.pools().find(pool.id()).map(Wire::pool).orElseThrow(() -> new NotFoundException("poolId", pool.id()));
    URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(pool.id().value()).toUri();
    return ResponseEntity.created(location).body(created);
  }

  @PutMapping("/{poolId}/seats")
  @Operation(summary = "Change seats", description = "Sets the number of seats; 409 SEATS_BELOW_LIVE_CLAIMS below the live claims.")
  PoolJson changeSeats(@PathVariable String poolId, @Valid @RequestBody SeatsRequest body, HttpServletRequest request) {
    return Wire.pool(sessions.open(request).pools().changeSeats(PoolId.of(poolId), body.seats(), body.reason()));
  }

  @PostMapping("/{poolId}/extend")
  @Operation(summary = "Extend a pool's term", description = "Moves the end of the term; term-bound active claims follow it.")
  PoolJson extend(@PathVariable String poolId, @Valid @RequestBody ExtendRequest body, HttpServletRequest request) {
    ActorSession session = sessions.open(request);
    PoolId id = PoolId.of(poolId);
    session.pools().extendTerm(id, body.newEnd(), body.reason());
    return session.pools().find(id).map(Wire::pool).orElseThrow(() -> new NotFoundException("poolId", id));
  }

  @PostMapping("/{poolId}/renew")
  @Operation(summary = "Renew a pool", description = "Replaces the term and renewal date (a renewed contract); term-bound active claims follow.")
  PoolJson renew(@PathVariable String poolId, @Valid @RequestBody RenewRequest body, HttpServletRequest request) {
    ActorSession session = sessions.open(request);
    PoolId id = PoolId.of(poolId);
    Term term = Requests.renaming(() -> Term.of(body.termStart(), body.termEnd()), "term.start", "termStart", "term.end", "termEnd");
    session.pools().renew(id, term, Optional.ofNullable(body.renewalDate()), body.reason());
    return session.pools().find(id).map(Wire::pool).orElseThrow(() -> new NotFoundException("poolId", id));
  }
}
