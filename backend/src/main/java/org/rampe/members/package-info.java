/**
 * Accounts and their sign-up and sign-in, the security rules of every route, and the access needs a
 * member declares (health data: kept only with consent). Owns the seams the other features plug
 * into: {@link org.rampe.members.SignedInGate} (what restricts a signed-in member) and {@link
 * org.rampe.members.MemberData} (what each feature keeps about a member).
 */
@ApplicationModule(displayName = "Members: accounts, sign-in, security, access needs", allowedDependencies = {"graph", "site", "mail"})
package org.rampe.members;

import org.springframework.modulith.ApplicationModule;
