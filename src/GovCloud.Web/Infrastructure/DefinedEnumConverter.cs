using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovCloud.Web.Infrastructure;

/// <summary>
/// Enums travel as their names, and a number only when it is one of the enum's values: {"kind": 7} was stored as a
/// data-centre kind that no rule knows (no migration deadline, no lease violation), and a system of kind 99 listed as
/// "99". Anything else is a 400 naming the field, like any value of the wrong type.
/// </summary>
public sealed class DefinedEnumConverter : JsonConverterFactory
{
    private readonly JsonStringEnumConverter names = new();

    public override bool CanConvert(Type typeToConvert) => names.CanConvert(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Defined<>).MakeGenericType(typeToConvert), names.CreateConverter(typeToConvert, options))!;

    private sealed class Defined<T>(JsonConverter inner) : JsonConverter<T> where T : struct, Enum
    {
        private readonly JsonConverter<T> named = (JsonConverter<T>)inner;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = named.Read(ref reader, typeToConvert, options);
            return Enum.IsDefined(value) ? value : throw new JsonException($"{value} is not a {typeof(T).Name}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => named.Write(writer, value, options);

        // As dictionary keys too (the data-centre overview counts by stage).
        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = named.ReadAsPropertyName(ref reader, typeToConvert, options);
            return Enum.IsDefined(value) ? value : throw new JsonException($"{value} is not a {typeof(T).Name}");
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            named.WriteAsPropertyName(writer, value, options);
    }
}

/// <summary>
/// The same rule for enums in the address (?state=999): the framework takes any number for an enum, and a list filtered
/// by a state that does not exist answered an empty page as if it were a real filter. A 400 naming the parameter instead.
/// </summary>
public static class DefinedEnumArguments
{
    public static TBuilder WithDefinedEnums<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var enums = factory.MethodInfo.GetParameters()
                .Select((p, i) => (Name: p.Name ?? "", Index: i, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
                .Where(p => p.Type.IsEnum).ToArray();
            if (enums.Length == 0) return next;
            return context =>
            {
                foreach (var (name, index, type) in enums)
                    if (context.Arguments[index] is { } value && !Enum.IsDefined(type, value))
                        throw ProblemException.Invalid(name, $"{name} 的取值 {value} 无效，可选：{string.Join("、", Enum.GetNames(type))}");
                return next(context);
            };
        });
}
