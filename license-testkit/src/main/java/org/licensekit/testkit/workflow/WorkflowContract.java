package org.licensekit.testkit.workflow;

import org.junit.jupiter.api.Nested;
import org.licensekit.core.spi.LicenseStore;

/**
 * Every workflow suite of the test kit (one per section of the admin guide) through the public API,
 * each as a nested class: extend it and return the store under test. Every test works in a tenant
 * of its own, so the store may be shared.
 */
public abstract class WorkflowContract {

  /** The store under test, called before every test; may return a shared one. */
  protected abstract LicenseStore createStore();

  /** Full pools: the seat waitlist. */
  @Nested
  class Waitlist extends WaitlistWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** A user waiting for a product directly and through a role, across a suspension and a reactivation. */
  @Nested
  class WaitlistReactivation extends WaitlistReactivationWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** The right to be forgotten: erasing a person's name and e-mail address. */
  @Nested
  class PrivacyErase extends PrivacyEraseWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** "Keep detailed records": who did what, when, why, before and after. */
  @Nested
  class AuditTrail extends AuditTrailWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** "Managing License Claims": pending, active, expired, revoked. */
  @Nested
  class ClaimLifecycle extends ClaimLifecycleWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** "New User Setup" with role-based assignment. */
  @Nested
  class NewUserSetup extends NewUserSetupWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** "Assigning Products to Users" through role boxes. */
  @Nested
  class ProductAssignment extends ProductAssignmentWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** "License Renewal and Maintenance". */
  @Nested
  class Renewal extends RenewalWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** "Seasonal Adjustments" to the academic calendar. */
  @Nested
  class SeasonalAdjustment extends SeasonalAdjustmentWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** "Training Prerequisites" that gate access. */
  @Nested
  class TrainingPrerequisite extends TrainingPrerequisiteWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** "Verify the user has the correct role assignments": the user profile. */
  @Nested
  class UserProfile extends UserProfileWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** "Verify prerequisite training is assigned", completion, certification, then access. */
  @Nested
  class TrainingAssignment extends TrainingAssignmentWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }

  /** "Troubleshooting": each denial reason with its hint. */
  @Nested
  class Troubleshooting extends TroubleshootingWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowContract.this.createStore();
    }
  }
}
