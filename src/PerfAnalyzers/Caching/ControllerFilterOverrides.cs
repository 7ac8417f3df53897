using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace PerfAnalyzers.Caching
{
    /// <summary>
    /// The filter methods a controller declares for itself (<c>OnActionExecuting</c> and the like: MVC's <c>Controller</c>
    /// is its own filter and runs them around every action), on the controller and the bases the caller walks into.
    /// Each caller names the methods it cares about: PERF301 reads those that may write the response's headers, the
    /// caller-dependence test those that run before the action.
    /// </summary>
    internal static class ControllerFilterOverrides
    {
        /// <summary>The instance methods named in <paramref name="names"/> of the controller and of each base for which <paramref name="walkInto"/> holds, nearest first.</summary>
        public static IEnumerable<IMethodSymbol> Of(INamedTypeSymbol controller, IEnumerable<string> names, Func<INamedTypeSymbol, bool> walkInto)
        {
            for (var type = controller; type != null && walkInto(type); type = type.BaseType)
            {
                foreach (var name in names)
                {
                    foreach (var member in type.GetMembers(name))
                    {
                        if (member is IMethodSymbol { IsStatic: false } method)
                        {
                            yield return method;
                        }
                    }
                }
            }
        }
    }
}
