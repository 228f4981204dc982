package org.licensekit.core.internal.catalog;

import java.util.Optional;
import org.licensekit.core.api.Settings;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.internal.Context;
import org.licensekit.core.policy.Operation;

public final class SettingsService implements Settings {

  private final Context context;

  public SettingsService(Context context) {
    this.context = context;
  }

  @Override
  public TenantSettings get() {
    return context.query(Operation.READ_SETTINGS, Optional.empty(), () -> context.store().settings().get(context.tenant()));
  }

  @Override
  public TenantSettings update(TenantSettings settings) {
    return context.command(Operation.MANAGE_SETTINGS, Optional.empty(), changes -> {
      if (!settings.suspendedUsersKeepSeats()) {
        // a suspension (or an assignment to a suspended user) that read the old setting must commit
        // before this change, or else wait for it and read the new one: see DirectoryStore.lockAllUsers
        context.store().directory().lockAllUsers(context.tenant());
      }
      // and so must one of an account committed after the locks above were taken, which they cannot
      // reach: such a command holds the settings (DirectoryStore.lockUserHoldingSettings), which this
      // lock waits for, or it waits for this change and reads the new settings
      TenantSettings before = context.store().settings().lockForChange(context.tenant());
      context.store().settings().put(context.tenant(), settings);
      changes.record(ChangeType.SETTINGS_CHANGED, "settings", context.tenant()).before(before).after(settings).done();
      return settings;
    });
  }
}
