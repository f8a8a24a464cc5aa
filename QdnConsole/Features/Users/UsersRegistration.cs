namespace QdnConsole.Features.Users;

/// <summary>Registration and endpoints of the Users feature.</summary>
public static class UsersRegistration
{
    public static WebApplicationBuilder AddUsers(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder app) => app;
}
