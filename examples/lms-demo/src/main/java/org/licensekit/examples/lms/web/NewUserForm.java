package org.licensekit.examples.lms.web;

/** The new-user setup form: account, organization, job profile, optional end date, invitation. */
public class NewUserForm {

  private String id = "";
  private String name = "";
  private String email = "";
  private String organization = "";
  private String profile = "";
  private String endDate = "";
  private boolean invite = true;

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id == null ? "" : id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name == null ? "" : name;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email == null ? "" : email;
  }

  public String getOrganization() {
    return organization;
  }

  public void setOrganization(String organization) {
    this.organization = organization == null ? "" : organization;
  }

  public String getProfile() {
    return profile;
  }

  public void setProfile(String profile) {
    this.profile = profile == null ? "" : profile;
  }

  public String getEndDate() {
    return endDate;
  }

  public void setEndDate(String endDate) {
    this.endDate = endDate == null ? "" : endDate;
  }

  public boolean isInvite() {
    return invite;
  }

  public void setInvite(boolean invite) {
    this.invite = invite;
  }
}
