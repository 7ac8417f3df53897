using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PerfAnalyzers.Semantics;

namespace PerfAnalyzers.Payload
{
    /// <summary>
    /// Facts about one syntax tree that PERF405 needs for the whole compilation: does it map API endpoints, does it
    /// configure response compression. Computed from syntax alone, once per tree (an edit recomputes only the tree
    /// it changed), so asking for the whole compilation costs a dictionary lookup per tree.
    /// </summary>
    internal sealed class ApplicationFacts
    {
        private static readonly PerTreeFact<ApplicationFacts> Cache = new PerTreeFact<ApplicationFacts>(Compute);

        /// <summary>Calls that map controllers or minimal endpoints that return data.</summary>
        private static readonly HashSet<string> EndpointNames = new HashSet<string>
        {
            "MapControllers", "MapControllerRoute", "MapDefaultControllerRoute", "MapAreaControllerRoute",
            "MapGet", "MapPost", "MapPut", "MapPatch", "MapMethods",
        };

        private static readonly HashSet<string> CompressionNames = new HashSet<string> { "AddResponseCompression", "UseResponseCompression" };

        private ApplicationFacts(bool mapsEndpoints, bool configuresCompression)
        {
            MapsEndpoints = mapsEndpoints;
            ConfiguresCompression = configuresCompression;
        }

        public bool MapsEndpoints { get; }

        public bool ConfiguresCompression { get; }

        public static ApplicationFacts For(SyntaxTree tree, CancellationToken cancellationToken) => Cache.Get(tree, cancellationToken);

        /// <summary>True when some tree of the compilation maps endpoints and none configures compression.</summary>
        public static bool MapsEndpointsWithoutCompression(Compilation compilation, CancellationToken cancellationToken)
        {
            var endpoints = false;
            foreach (var tree in compilation.SyntaxTrees)
            {
                var facts = For(tree, cancellationToken);
                if (facts.ConfiguresCompression)
                {
                    return false;
                }

                endpoints |= facts.MapsEndpoints;
            }

            return endpoints;
        }

        private static ApplicationFacts Compute(SyntaxTree tree, CancellationToken cancellationToken)
        {
            bool endpoints = false, compression = false;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation)
                {
                    var name = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        GenericNameSyntax generic => generic.Identifier.ValueText,
                        _ => string.Empty,
                    };
                    endpoints |= EndpointNames.Contains(name);
                    compression |= CompressionNames.Contains(name);
                }
            }

            return new ApplicationFacts(endpoints, compression);
        }
    }
}
