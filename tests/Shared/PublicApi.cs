using System.Reflection;
using System.Text;

namespace Consentry.Tests;

/// <summary>
/// Guards a public surface: the assembly's public types and members, one line each, compared with an
/// approved file beside the test project. Change it deliberately: run the tests with CONSENTRY_APPROVE_API=1.
/// </summary>
internal static class PublicApi
{
    public static void AssertApproved(Assembly assembly, string testProject)
    {
        var approvedPath = Path.Combine(RepoPaths.Root, "tests", testProject, "PublicApi.approved.txt");
        var actual = Describe(assembly);
        if (Environment.GetEnvironmentVariable("CONSENTRY_APPROVE_API") == "1")
        {
            File.WriteAllText(approvedPath, actual);
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : "";
        if (approved != actual)
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, ".received.txt"), actual);
        }

        Assert.True(approved == actual, $"The public API of {assembly.GetName().Name} changed. Compare {testProject}/PublicApi.received.txt with PublicApi.approved.txt; if the change is intended, run the tests with CONSENTRY_APPROVE_API=1.");
    }

    private static string Describe(Assembly assembly)
    {
        var sb = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            sb.Append(type.IsEnum ? "enum " : type.IsInterface ? "interface " : type.IsValueType ? "struct " : type.IsAbstract && type.IsSealed ? "static class " : "class ").Append(type.FullName).Append('\n');
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && !m.Name.StartsWith('<'))
                .Select(m => "  " + m switch
                {
                    PropertyInfo p => $"{p.PropertyType.Name} {p.Name}",
                    FieldInfo f => $"{f.FieldType.Name} {f.Name}",
                    MethodInfo mi => $"{mi.ReturnType.Name} {mi.Name}({string.Join(", ", mi.GetParameters().Select(p => p.ParameterType.Name))})",
                    ConstructorInfo c => $"ctor({string.Join(", ", c.GetParameters().Select(p => p.ParameterType.Name))})",
                    _ => m.ToString(),
                })
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                sb.Append(member).Append('\n');
            }
        }

        return sb.ToString();
    }
}
