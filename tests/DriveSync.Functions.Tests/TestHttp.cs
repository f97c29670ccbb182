using System.Collections.Specialized;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Web;
using Azure.Core.Serialization;
using DriveSync.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DriveSync.Functions.Tests;

/// <summary>The invocation context the worker gives a function: only its services are real (the worker's JSON serializer and what the test adds).</summary>
internal sealed class TestFunctionContext(IServiceProvider services) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => "test";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    /// <summary>A context whose services hold the worker's serializer as the app configures it, plus <paramref name="configure"/>'s.</summary>
    public static TestFunctionContext Create(Action<IServiceCollection>? configure = null)
    {
        var json = new JsonSerializerOptions();
        FunctionsHosting.ConfigureJson(json);
        var services = new ServiceCollection();
        services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(json));
        configure?.Invoke(services);
        return new TestFunctionContext(services.BuildServiceProvider());
    }
}

/// <summary>An HTTP trigger's request as the worker hands it over.</summary>
internal sealed class TestHttpRequestData(FunctionContext context, string method, Uri url, string? body = null) : HttpRequestData(context)
{
    public override Stream Body { get; } = new MemoryStream(body is null ? [] : System.Text.Encoding.UTF8.GetBytes(body));

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url => url;

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method => method;

    public override NameValueCollection Query => HttpUtility.ParseQueryString(url.Query);

    public override HttpResponseData CreateResponse() => new TestHttpResponseData(FunctionContext);
}

/// <summary>The response a function builds; its body stays readable after the function returns.</summary>
internal sealed class TestHttpResponseData(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => throw new NotSupportedException();

    /// <summary>The body as text.</summary>
    public string ReadBody() => System.Text.Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());
}
