package org.licensekit.jdbc;

import org.junit.jupiter.api.Nested;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.AuditTrailWorkflow;
import org.licensekit.testkit.workflow.ClaimLifecycleWorkflow;
import org.licensekit.testkit.workflow.NewUserSetupWorkflow;
import org.licensekit.testkit.workflow.ProductAssignmentWorkflow;
import org.licensekit.testkit.workflow.RenewalWorkflow;
import org.licensekit.testkit.workflow.SeasonalAdjustmentWorkflow;
import org.licensekit.testkit.workflow.TrainingPrerequisiteWorkflow;
import org.licensekit.testkit.workflow.TroubleshootingWorkflow;

/**
 * Every workflow suite of the test kit (one per section of the admin guide) through the public API
 * on one JDBC store, each as a nested class. Subclasses name the database; every test works in a
 * tenant of its own, so the store is shared.
 */
abstract class WorkflowSuites {

  /** The store under test, called before every test; return a shared one. */
  protected abstract LicenseStore createStore();

  /** "Keep detailed records": who did what, when, why, before and after. */
  @Nested
  class AuditTrail extends AuditTrailWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowSuites.this.createStore();
    }
  }

  /** "Managing License Claims": pending, active, expired, revoked. */
  @Nested
  class ClaimLifecycle extends ClaimLifecycleWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowSuites.this.createStore();
    }
  }

  /** "New User Setup" with role-based assignment. */
  @Nested
  class NewUserSetup extends NewUserSetupWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowSuites.this.createStore();
    }
  }

  /** "Assigning Products to Users" through role boxes. */
  @Nested
  class ProductAssignment extends ProductAssignmentWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowSuites.this.createStore();
    }
  }

  /** "License Renewal and Maintenance". */
  @Nested
  class Renewal extends RenewalWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowSuites.this.createStore();
    }
  }

  /** "Seasonal Adjustments" to the academic calendar. */
  @Nested
  class SeasonalAdjustment extends SeasonalAdjustmentWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowSuites.this.createStore();
    }
  }

  /** "Training Prerequisites" that gate access. */
  @Nested
  class TrainingPrerequisite extends TrainingPrerequisiteWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowSuites.this.createStore();
    }
  }

  /** "Troubleshooting": each denial reason with its hint. */
  @Nested
  class Troubleshooting extends TroubleshootingWorkflow {
    @Override
    protected LicenseStore createStore() {
      return WorkflowSuites.this.createStore();
    }
  }
}
