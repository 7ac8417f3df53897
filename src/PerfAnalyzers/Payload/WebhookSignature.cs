using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// A webhook that verifies a signature over the raw request body (docs/rules/PERF404.md, "Webhook signatures"):
    /// Stripe's <c>Stripe-Signature</c>, GitHub's <c>X-Hub-Signature-256</c>, Shopify's <c>X-Shopify-Hmac-Sha256</c>. The
    /// check needs the body as one piece, so reading it whole is not the mistake PERF404 is about. Recognised from
    /// syntax: a string literal naming a signature or an HMAC in the member that reads the body, or in a member of the
    /// same type that it names (a helper, a header-name constant), one level down.
    /// </summary>
    internal static class WebhookSignature
    {
        public static bool IsVerifiedNear(SyntaxNode read, CancellationToken cancellationToken)
        {
            var member = read.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is BaseMethodDeclarationSyntax or PropertyDeclarationSyntax or GlobalStatementSyntax);
            if (member == null)
            {
                return false;
            }

            if (NamesSignature(member))
            {
                return true;
            }

            if (member.Parent is not TypeDeclarationSyntax type)
            {
                return false;
            }

            var named = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in member.DescendantNodes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (node is IdentifierNameSyntax identifier)
                {
                    named.Add(identifier.Identifier.ValueText);
                }
            }

            foreach (var sibling in type.Members)
            {
                if (sibling != member && named.Contains(NameOf(sibling)) && NamesSignature(sibling))
                {
                    return true;
                }
            }

            return false;
        }

        private static string NameOf(MemberDeclarationSyntax member)
            => member switch
            {
                MethodDeclarationSyntax method => method.Identifier.ValueText,
                PropertyDeclarationSyntax property => property.Identifier.ValueText,
                FieldDeclarationSyntax field when field.Declaration.Variables.Count == 1 => field.Declaration.Variables[0].Identifier.ValueText,
                _ => string.Empty,
            };

        // Attributes are left out: a route such as [HttpPost("{id}/signature")] names a resource, not a header.
        private static bool NamesSignature(SyntaxNode member)
        {
            foreach (var token in member.DescendantTokens(node => node is not AttributeListSyntax))
            {
                if ((token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken))
                    && (token.ValueText.IndexOf("signature", StringComparison.OrdinalIgnoreCase) >= 0
                        || token.ValueText.IndexOf("hmac", StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
