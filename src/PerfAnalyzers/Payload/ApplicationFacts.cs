using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// Facts about the syntax trees that PERF405 needs for the whole compilation: does one map API endpoints, does one
    /// configure response compression. Each is read from syntax alone, once per tree (an edit recomputes only the tree
    /// it changed), and only in trees whose text invokes one of the names at all; the rest cost a set lookup.
    /// </summary>
    internal static class ApplicationFacts
    {
        /// <summary>
        /// Calls that map controllers or minimal endpoints that return data; <c>UseMvc</c> is MVC's routing without
        /// endpoint routing (<c>EnableEndpointRouting = false</c>), still used by older APIs.
        /// </summary>
        private static readonly HashSet<string> EndpointNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "MapControllers", "MapControllerRoute", "MapDefaultControllerRoute", "MapAreaControllerRoute", "UseMvc", "UseMvcWithDefaultRoute",
            "MapGet", "MapPost", "MapPut", "MapPatch", "MapMethods",
        };

        private static readonly HashSet<string> CompressionNames = new HashSet<string>(StringComparer.Ordinal) { "AddResponseCompression", "UseResponseCompression" };

        private static readonly PerTreeFlag MapsEndpoints = new PerTreeFlag((tree, cancellationToken) => Invokes(tree, EndpointNames, cancellationToken));

        private static readonly PerTreeFlag ConfiguresCompression = new PerTreeFlag((tree, cancellationToken) => Invokes(tree, CompressionNames, cancellationToken));

        /// <summary>True when some tree of the compilation maps endpoints and none configures compression.</summary>
        public static bool MapsEndpointsWithoutCompression(Compilation compilation, CancellationToken cancellationToken)
            => !ConfiguresCompression.AnyTree(compilation, cancellationToken) && MapsEndpoints.AnyTree(compilation, cancellationToken);

        // A call Name(..) or x.Name(..) of one of the names (a conditional x?.Name(..) does not count), found where the
        // text spells the name.
        private static bool Invokes(SyntaxTree tree, HashSet<string> names, CancellationToken cancellationToken)
        {
            foreach (var name in names)
            {
                if (!InvokedNames.MayInvokePlain(tree, name, cancellationToken))
                {
                    continue;
                }

                foreach (var invocation in InvocationSearch.Find(tree, name, cancellationToken))
                {
                    if (invocation.Expression is MemberAccessExpressionSyntax or IdentifierNameSyntax)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
