package org.licensekit.testkit.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;

/** Helpers shared by the bulk and lifecycle suites, on top of {@link LicensingTestSupport}. */
public abstract class BulkTestSupport extends LicensingTestSupport {

  /** Registers and activates a user in {@code organization} with no role (so no claim). */
  protected UserId plainUser(String id, OrganizationId organization) {
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder().id(user).name("User " + id).email(id + "@example.org")
        .addOrganizations(organization).invite(false).build());
    admin.users().activate(user);
    return user;
  }

  /** {@code count} plain users {@code prefix-00} … in {@code organization}. */
  protected List<UserId> plainUsers(String prefix, int count, OrganizationId organization) {
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      users.add(plainUser(String.format("%s-%02d", prefix, i), organization));
    }
    return users;
  }

  /** A tenant-wide pool of the product with the given term. */
  protected LicensePool pool(ProductId product, int seats, Term term) {
    return admin.pools().add(NewPool.builder().id(PoolId.of(product.value() + "-" + term.end().getEpochSecond()))
        .product(product).seats(seats).term(term).build());
  }

  protected PoolUsage usage(LicensePool pool) {
    return admin.pools().find(pool.id()).orElseThrow();
  }

  /** The number of audit entries of the tenant now. */
  protected int auditSize() {
    return Math.toIntExact(admin.audit().count(AuditQuery.all()));
  }

  protected static BulkRequest.Builder request(UserFilter filter, BulkAction action, BulkMode mode) {
    return BulkRequest.where(filter).action(action).mode(mode).reason("term start");
  }

  protected static Instant at(Instant base, long seconds) {
    return base.plusSeconds(seconds);
  }

  /** Records everything a bulk listener hears. */
  protected static final class RecordingListener implements BulkListener {
    public final List<long[]> progress = new ArrayList<>();
    public final List<UserOutcome> outcomes = new ArrayList<>();

    @Override
    public void progress(long done, long total) {
      progress.add(new long[] {done, total});
    }

    @Override
    public void outcome(UserOutcome outcome) {
      outcomes.add(outcome);
    }
  }
}
