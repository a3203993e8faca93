using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AccessGrantEndReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "AccessGrants",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EndReason",
                table: "AccessGrants");
        }
    }
}
