#pragma once
// The journal's rules on a server campaign (issue 15), part of the script
// `cotation serveur roles` applies (pg_roles.cpp puts it between the grants
// and the row-level security; @S, @c, @i, @m and @K filled the same way):
// the server chains every entry, refuses a member's entry outside their role
// or naming rows their transaction did not write, and a reopening without
// its entry.
namespace cotation::pg {

extern const char* const kJournalRights;
// After the journal's rules: row-level security (pg_policies.cpp).
extern const char* const kPolicies;

}  // namespace cotation::pg
