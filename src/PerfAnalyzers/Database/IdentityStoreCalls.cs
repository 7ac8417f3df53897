using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Database
{
    /// <summary>
    /// ASP.NET Core Identity's <c>UserManager&lt;T&gt;</c> and <c>RoleManager&lt;T&gt;</c> methods that go to the store on every
    /// call (docs/concepts.md#executing-an-ef-query, "Identity managers"): with the EF Core stores, a query
    /// (<c>GetRolesAsync</c>, <c>FindByIdAsync</c>) or a save (<c>UpdateAsync</c>, <c>AddToRoleAsync</c>: the stores save
    /// after each change). Their source is not in the compilation, so they are known by name. Methods that only read a
    /// property of the user object (<c>GetEmailAsync</c>, <c>IsEmailConfirmedAsync</c>) are in neither list.
    /// </summary>
    internal static class IdentityStoreCalls
    {
        private static readonly ImmutableHashSet<string> UserReads = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "FindByIdAsync", "FindByNameAsync", "FindByEmailAsync", "FindByLoginAsync", "GetRolesAsync", "IsInRoleAsync",
            "GetClaimsAsync", "GetLoginsAsync", "GetUsersInRoleAsync", "GetUsersForClaimAsync", "GetAuthenticationTokenAsync");

        private static readonly ImmutableHashSet<string> UserWrites = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "CreateAsync", "UpdateAsync", "DeleteAsync", "AddToRoleAsync", "AddToRolesAsync", "RemoveFromRoleAsync",
            "RemoveFromRolesAsync", "AddClaimAsync", "AddClaimsAsync", "RemoveClaimAsync", "RemoveClaimsAsync", "ReplaceClaimAsync",
            "AddLoginAsync", "RemoveLoginAsync", "SetLockoutEndDateAsync", "SetLockoutEnabledAsync", "AccessFailedAsync",
            "ResetAccessFailedCountAsync", "SetEmailAsync", "SetUserNameAsync", "SetPhoneNumberAsync", "ChangePasswordAsync",
            "ResetPasswordAsync", "AddPasswordAsync", "RemovePasswordAsync", "ConfirmEmailAsync", "UpdateSecurityStampAsync",
            "SetTwoFactorEnabledAsync", "SetAuthenticationTokenAsync", "RemoveAuthenticationTokenAsync");

        private static readonly ImmutableHashSet<string> RoleReads = ImmutableHashSet.Create(
            StringComparer.Ordinal, "FindByIdAsync", "FindByNameAsync", "RoleExistsAsync", "GetClaimsAsync");

        private static readonly ImmutableHashSet<string> RoleWrites = ImmutableHashSet.Create(
            StringComparer.Ordinal, "CreateAsync", "UpdateAsync", "DeleteAsync", "AddClaimAsync", "RemoveClaimAsync", "SetRoleNameAsync");

        /// <summary>The method's name when <paramref name="operation"/> calls a manager method that queries the store.</summary>
        public static string? QueryName(IOperation operation, SemanticContext types)
            => Name(operation, types, UserReads, RoleReads);

        /// <summary>The method's name when <paramref name="operation"/> calls a manager method that saves through the store.</summary>
        public static string? SaveName(IOperation operation, SemanticContext types)
            => Name(operation, types, UserWrites, RoleWrites);

        private static string? Name(IOperation operation, SemanticContext types, ImmutableHashSet<string> user, ImmutableHashSet<string> role)
        {
            if (operation is not IInvocationOperation { TargetMethod: { IsStatic: false } method })
            {
                return null;
            }

            // Names first: most calls are not a manager's; the type is checked, with its base types, only for these.
            var name = method.Name;
            if (!user.Contains(name) && !role.Contains(name))
            {
                return null;
            }

            for (var type = method.ContainingType; type != null; type = type.BaseType)
            {
                var definition = type.OriginalDefinition;
                if (SymbolFacts.Is(definition, types.UserManagerOfT))
                {
                    return user.Contains(name) ? name : null;
                }

                if (SymbolFacts.Is(definition, types.RoleManagerOfT))
                {
                    return role.Contains(name) ? name : null;
                }
            }

            return null;
        }
    }
}
