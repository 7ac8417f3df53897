#!/usr/bin/env bash
# Copies a fullstackhero/dotnet-starter-kit checkout and replaces the DbContext base classes it takes from
# Finbuckle.MultiTenant, a package the feed does not serve, with EF Core's own, so that the in-memory run binds its
# contexts (otherwise every SaveChanges and every query through those contexts is unresolved and no rule can see
# them). Three declarations change and nothing else; the rest of Finbuckle (tenant stores, tenant info) stays
# unresolved, so code that depends on it still binds partly. See docs/quality.md ("Recall (fullstackhero)").
#
#   bench/real-world/fullstackhero-without-finbuckle.sh <checkout> <copy>
#   dotnet bench/real-world/RealWorldRun/bin/Release/net10.0/RealWorldRun.dll fsh <copy>/src/BuildingBlocks <copy>/src/Host <copy>/src/Modules
set -euo pipefail
source=$1; copy=$2
rm -rf "$copy"; cp -r "$source" "$copy"
src=$copy/src
change() { # file, sed expression, text that must be in the file afterwards
  sed -i "$2" "$src/$1"
  grep -qF -- "$3" "$src/$1" || { echo "rewrite did not apply to $1" >&2; exit 1; }
}
change BuildingBlocks/Persistence/Context/BaseDbContext.cs \
  's/: MultiTenantDbContext(multiTenantContextAccessor, options)/: DbContext(options)/' ': DbContext(options)'
change Modules/Identity/Modules.Identity/Data/IdentityDbContext.cs \
  's/public class IdentityDbContext : MultiTenantIdentityDbContext</public class IdentityDbContext : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext</' \
  'IdentityDbContext : Microsoft.AspNetCore.Identity.EntityFrameworkCore.IdentityDbContext<'
# Finbuckle's store context declares the TenantInfo set the application adds tenants to.
change Modules/Multitenancy/Modules.Multitenancy/Data/TenantDbContext.cs \
  's/public class TenantDbContext : EFCoreStoreDbContext<AppTenantInfo>/public class TenantDbContext : DbContext/; s/^    public const string Schema = "tenant";/    public const string Schema = "tenant";\n    public DbSet<AppTenantInfo> TenantInfo => Set<AppTenantInfo>();/' \
  'public DbSet<AppTenantInfo> TenantInfo'
echo "$copy: Finbuckle's DbContext bases replaced by EF Core's"
