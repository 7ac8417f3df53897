using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// ASP.NET Core Identity's <c>UserManager&lt;T&gt;</c> and <c>RoleManager&lt;T&gt;</c> methods that query the store on every
    /// call (docs/concepts.md#executing-an-ef-query, "Identity managers"): <c>GetRolesAsync</c>, <c>FindByIdAsync</c> ….
    /// Their source is not in the compilation, so they are known by name. Methods that only read a property of the user
    /// object (<c>GetEmailAsync</c>, <c>IsEmailConfirmedAsync</c>) are not in the list. Their writes are not counted as
    /// saves: Identity has no batch form, so "save once after the loop" would be advice nobody can follow.
    /// </summary>
    internal static class IdentityStoreCalls
    {
        private static readonly ImmutableHashSet<string> UserReads = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "FindByIdAsync", "FindByNameAsync", "FindByEmailAsync", "FindByLoginAsync", "GetRolesAsync", "IsInRoleAsync",
            "GetClaimsAsync", "GetLoginsAsync", "GetUsersInRoleAsync", "GetUsersForClaimAsync", "GetAuthenticationTokenAsync");

        private static readonly ImmutableHashSet<string> RoleReads = ImmutableHashSet.Create(
            StringComparer.Ordinal, "FindByIdAsync", "FindByNameAsync", "RoleExistsAsync", "GetClaimsAsync");

        /// <summary>
        /// <c>userManager.Users</c> / <c>roleManager.Roles</c> when the compilation registers Identity's EF Core stores
        /// (<c>AddEntityFrameworkStores&lt;TContext&gt;()</c>): the store hands out its <c>DbSet</c>, so the queryable is an EF
        /// query (found in Ombi: a user looked up per element through <c>Users.FirstOrDefaultAsync(..)</c>); or when the
        /// application declares a context built on Identity's EF Core context, which it registers somewhere. With another
        /// store and no such context, it is not taken for one.
        /// </summary>
        public static bool IsEfStoreQueryable(IPropertyReferenceOperation property, SemanticContext types)
        {
            var name = property.Property.Name;
            if (name is not ("Users" or "Roles"))
            {
                return false;
            }

            return IsManager(property.Property.ContainingType, types, out var userManager) && userManager == (name == "Users")
                && (InvokedNames.TreesInvokingEither(types.Compilation, "AddEntityFrameworkStores", "AddEntityFrameworkStores" + InvokedNames.GenericSuffix, CancellationToken.None).Count > 0
                    || DeclaresIdentityContext(types));
        }

        /// <summary>The type is Identity's <c>UserManager&lt;T&gt;</c> or <c>RoleManager&lt;T&gt;</c>, or derives from one; which one.</summary>
        private static bool IsManager(INamedTypeSymbol? type, SemanticContext types, out bool userManager)
        {
            for (; type != null; type = type.BaseType)
            {
                var definition = type.OriginalDefinition;
                userManager = SymbolFacts.Is(definition, types.UserManagerOfT);
                if (userManager || SymbolFacts.Is(definition, types.RoleManagerOfT))
                {
                    return true;
                }
            }

            userManager = false;
            return false;
        }

        /// <summary>
        /// The application declares a context built on Identity's EF Core context (<c>IdentityDbContext&lt;TUser&gt;</c>, any
        /// <c>IdentityUserContext&lt;TUser&gt;</c>), in source or in a project this one references: its users live in EF Core
        /// (found in Ombi, whose notification project reads <c>Users</c> while the stores are registered in the web project,
        /// which it cannot see). Classes of source are found through the base-list index; those of other projects once per
        /// referenced assembly.
        /// </summary>
        private static bool DeclaresIdentityContext(SemanticContext types)
        {
            foreach (var baseName in IdentityContextNames)
            {
                foreach (var declared in types.DeclaredTypesNamingBase(baseName))
                {
                    if (IsIdentityContext(declared))
                    {
                        return true;
                    }
                }
            }

            foreach (var assembly in types.Compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (types.IsApplicationAssembly(assembly) && ApplicationAssemblies.AnyClass(assembly, IdentityContextTest))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly string[] IdentityContextNames = { "IdentityDbContext", "IdentityUserContext" };

        // One delegate for the per-assembly answer cache, which is keyed by it.
        private static readonly Func<INamedTypeSymbol, bool> IdentityContextTest = IsIdentityContext;

        /// <summary>Derives from one of <c>Microsoft.AspNetCore.Identity.EntityFrameworkCore</c>'s <c>IdentityUserContext</c> classes (which every <c>IdentityDbContext</c> does).</summary>
        private static bool IsIdentityContext(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (current.Name == "IdentityUserContext"
                    && SymbolFacts.IsNamespace(current.ContainingNamespace, "Microsoft.AspNetCore.Identity.EntityFrameworkCore"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The method's name when <paramref name="operation"/> calls a manager method that queries the store.</summary>
        public static string? QueryName(IOperation operation, SemanticContext types)
            => Name(operation, types, UserReads, RoleReads);

        /// <summary>
        /// The method's name when it is a manager method that queries the store: also where an interface of the application
        /// is implemented by the manager's own method, inherited (<c>IApplicationRoleManager.FindByNameAsync</c> on a class
        /// deriving from <c>RoleManager&lt;Role&gt;</c>).
        /// </summary>
        public static string? QueryName(IMethodSymbol method, SemanticContext types)
            => method.IsStatic ? null : Name(method, types, UserReads, RoleReads);

        private static string? Name(IOperation operation, SemanticContext types, ImmutableHashSet<string> user, ImmutableHashSet<string> role)
            => operation is IInvocationOperation { TargetMethod: { IsStatic: false } method } ? Name(method, types, user, role) : null;

        private static string? Name(IMethodSymbol method, SemanticContext types, ImmutableHashSet<string> user, ImmutableHashSet<string> role)
        {
            // Names first: most calls are not a manager's; the type is checked, with its base types, only for these.
            var name = method.Name;
            if (!user.Contains(name) && !role.Contains(name))
            {
                return null;
            }

            if (!IsManager(method.ContainingType, types, out var isUserManager)
                || !(isUserManager ? user : role).Contains(name) || !method.DeclaringSyntaxReferences.IsEmpty
                || ApplicationOverrides(name, isUserManager, types))
            {
                // An override of the application is read like any method of its own; and where the application declares
                // one, the manager it registers may be that class, whose lookup may cache.
                return null;
            }

            return name;
        }

        // The managers' writes: each saves the store (CreateAsync, UpdateAsync, AddToRoleAsync, ConfirmEmailAsync, ..).
        private static readonly string[] WriteVerbs = { "Create", "Update", "Delete", "Add", "Remove", "Set", "Confirm", "Change", "Reset", "Replace", "Redeem", "Access" };

        /// <summary>
        /// A call of Identity's <c>UserManager</c> or <c>RoleManager</c> that writes to the store (<c>CreateAsync</c>,
        /// <c>AddToRoleAsync</c>, <c>ConfirmEmailAsync</c> ..): each saves, as <c>SaveChangesAsync</c> would (PERF107's "nothing in
        /// the handler writes").
        /// </summary>
        public static bool IsManagerWrite(IMethodSymbol method, SemanticContext types)
            => !method.IsStatic && NameWords.StartsWithWord(method.Name, WriteVerbs) && IsManager(method.ContainingType, types, out _);

        private static readonly string[] UserManagerNames = { "UserManager", "AspNetUserManager" };

        private static readonly string[] RoleManagerNames = { "RoleManager", "AspNetRoleManager" };

        /// <summary>
        /// A class of the application, found through the base-list index, that derives from the manager and overrides the
        /// method: the application registers its own manager, whose lookup may answer from a cache (found in
        /// VirtoCommerce, whose <c>CustomRoleManager.FindByNameAsync</c> caches roles in memory).
        /// </summary>
        private static bool ApplicationOverrides(string name, bool userManager, SemanticContext types)
        {
            foreach (var baseName in userManager ? UserManagerNames : RoleManagerNames)
            {
                foreach (var declared in types.DeclaredTypesNamingBase(baseName))
                {
                    foreach (var member in declared.GetMembers(name))
                    {
                        if (member is IMethodSymbol { IsOverride: true })
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}
