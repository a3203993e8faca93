using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class NetworkResources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BandwidthMbps",
                table: "CloudVms",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ApplicationNetworks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Zone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    BandwidthMbps = table.Column<int>(type: "integer", nullable: false),
                    PublicIps = table.Column<int>(type: "integer", nullable: false),
                    AdjustedBandwidthMbps = table.Column<int>(type: "integer", nullable: true),
                    AdjustedPublicIps = table.Column<int>(type: "integer", nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationNetworks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationNetworks_ResourceApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "ResourceApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationNetworks_ApplicationId_Zone",
                table: "ApplicationNetworks",
                columns: new[] { "ApplicationId", "Zone" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationNetworks");

            migrationBuilder.DropColumn(
                name: "BandwidthMbps",
                table: "CloudVms");
        }
    }
}
